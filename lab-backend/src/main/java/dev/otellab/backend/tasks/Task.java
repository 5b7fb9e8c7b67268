package dev.otellab.backend.tasks;

import java.time.Instant;

/** A stored task, as the API shows it. */
public record Task(
    long id,
    String title,
    String description,
    boolean completed,
    Instant createdAt,
    Instant updatedAt) {}
