package dev.otellab.backend.config;

import dev.otellab.backend.config.SettingReader.InvalidSettingException;
import dev.otellab.backend.config.SettingReader.Setting;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns flags and LAB_* environment variables into a {@link ConfigResult}. Flags win over the
 * environment. Never exits the JVM and never throws for bad input, so tests can call it directly.
 */
public final class LabConfigParser {

  private final Map<String, String> environment;
  private final SettingReader settings;

  public LabConfigParser(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.settings = new SettingReader(environment);
  }

  public ConfigResult parse(String... args) {
    Options options = new Options();
    Optional<ConfigResult> exit = CommandLineFlags.parseInto(options, "lab-backend", args);
    if (exit.isPresent()) {
      return exit.get();
    }
    try {
      return new ConfigResult.Valid(
          new LabConfig(
              settings.bindAddress(options.bind, LabConfig.DEFAULT_BIND_ADDRESS),
              settings.port(options.port, LabConfig.DEFAULT_PORT),
              databaseFile(options)));
    } catch (InvalidSettingException e) {
      return new ConfigResult.Invalid(e.getMessage());
    }
  }

  private Path databaseFile(Options options) {
    Optional<Setting> setting = settings.setting("--db", options.db, "LAB_DB");
    if (setting.isEmpty()) {
      return DefaultDatabaseLocation.resolve(environment);
    }
    try {
      return Path.of(setting.get().value());
    } catch (InvalidPathException e) {
      throw new InvalidSettingException(setting.get().source() + " is not a usable path: " + e.getMessage());
    }
  }

  @Command(
      name = "lab-backend",
      mixinStandardHelpOptions = true,
      description = "The instrumented task service observed by the OTel Lab Console.",
      footer = {
        "",
        "Telemetry is configured by the standard OTEL_* variables (e.g. OTEL_EXPORTER_OTLP_ENDPOINT).",
        "LAB_ENVIRONMENT sets deployment.environment.name (default: lab)."
      })
  static final class Options {
    // Strings, not ints: the parser reports bad values itself with one clear line.
    @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 = any free port (env LAB_PORT, default 5000)")
    String port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to bind (env LAB_BIND, default 127.0.0.1)")
    String bind;

    @Option(names = "--db", paramLabel = "FILE", description = "SQLite database file (env LAB_DB, default $XDG_DATA_HOME/otel-lab-console/lab-backend/tasks.db)")
    String db;
  }
}
