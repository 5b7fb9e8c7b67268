package dev.otellab.backend.http;

/** The body of every error response. */
public record ApiError(String error) {}
