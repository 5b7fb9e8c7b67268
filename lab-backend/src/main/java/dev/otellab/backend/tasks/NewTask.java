package dev.otellab.backend.tasks;

/** A validated request to create a task. */
public record NewTask(String title, String description) {}
