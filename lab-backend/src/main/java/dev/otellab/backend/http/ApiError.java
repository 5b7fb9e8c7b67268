package dev.otellab.backend.http;

/** The body of every error response. */
record ApiError(String error) {}
