package dev.otellab.backend.tasks;

/** How many tasks exist and how many are completed. */
public record TaskStats(long total, long completed) {

  public long open() {
    return total - completed;
  }
}
