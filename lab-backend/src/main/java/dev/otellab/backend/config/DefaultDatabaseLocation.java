package dev.otellab.backend.config;

import java.nio.file.Path;
import java.util.Map;

/** The one place that knows where lab-backend keeps its data when nothing else is configured. */
public final class DefaultDatabaseLocation {

  private DefaultDatabaseLocation() {}

  /** {@code ${XDG_DATA_HOME:-~/.local/share}/otel-lab-console/lab-backend/tasks.db}. */
  public static Path resolve(Map<String, String> environment) {
    String xdgDataHome = environment.get("XDG_DATA_HOME");
    Path dataHome =
        xdgDataHome == null || xdgDataHome.isBlank()
            ? Path.of(System.getProperty("user.home"), ".local", "share")
            : Path.of(xdgDataHome);
    return dataHome.resolve("otel-lab-console").resolve("lab-backend").resolve("tasks.db");
  }
}
