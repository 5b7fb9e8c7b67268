package dev.otellab.backend.tasks;

import java.util.Optional;

/** Which page of tasks to list: an optional completed filter, then limit/offset by ascending id. */
public record TaskQuery(Optional<Boolean> completed, int limit, int offset) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public TaskQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset out of range: " + offset);
    }
  }
}
