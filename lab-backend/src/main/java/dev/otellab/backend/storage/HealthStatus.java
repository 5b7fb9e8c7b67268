package dev.otellab.backend.storage;

/** Whether the database answered, and if not, why. */
public record HealthStatus(boolean healthy, String message) {

  public static HealthStatus up() {
    return new HealthStatus(true, "ok");
  }

  public static HealthStatus down(String message) {
    return new HealthStatus(false, message);
  }
}
