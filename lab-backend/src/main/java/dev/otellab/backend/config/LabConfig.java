package dev.otellab.backend.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Validated start-up settings of lab-backend.
 *
 * @param bindAddress host name or IP literal the HTTP server binds to
 * @param port TCP port; 0 asks the operating system for any free port
 * @param databaseFile the SQLite file holding the tasks
 */
public record LabConfig(String bindAddress, int port, Path databaseFile) {

  public static final int DEFAULT_PORT = 5000;
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public LabConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(databaseFile, "databaseFile");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
  }

  /** The same settings on another port, used by tests and the benchmark. */
  public LabConfig withPort(int newPort) {
    return new LabConfig(bindAddress, newPort, databaseFile);
  }
}
