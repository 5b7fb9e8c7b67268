package dev.otellab.backend.config;

import dev.otellab.backend.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns flags and LAB_* environment variables into a {@link ConfigResult}. Flags win over the
 * environment. Never exits the JVM and never throws for bad input, so tests can call it directly.
 */
public final class LabConfigParser {

  private final Map<String, String> environment;

  public LabConfigParser(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public ConfigResult parse(String... args) {
    Options options = new Options();
    CommandLine commandLine = new CommandLine(options);
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return new ConfigResult.Invalid(firstLine(e.getMessage()) + " (see --help)");
    }
    if (commandLine.isUsageHelpRequested()) {
      StringWriter usage = new StringWriter();
      commandLine.usage(new PrintWriter(usage));
      return new ConfigResult.InfoRequested(usage.toString());
    }
    if (commandLine.isVersionHelpRequested()) {
      return new ConfigResult.InfoRequested("lab-backend " + BuildInfo.version());
    }
    try {
      return new ConfigResult.Valid(
          new LabConfig(bindAddress(options), port(options), databaseFile(options)));
    } catch (InvalidSettingException e) {
      return new ConfigResult.Invalid(e.getMessage());
    }
  }

  private int port(Options options) {
    Optional<Setting> setting = setting("--port", options.port, "LAB_PORT");
    if (setting.isEmpty()) {
      return LabConfig.DEFAULT_PORT;
    }
    String source = setting.get().source();
    String raw = setting.get().value();
    int port;
    try {
      port = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          source + " must be a whole number in 0..65535 (0 = any free port), was '" + raw + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new InvalidSettingException(
          source + " must be in 0..65535 (0 = any free port), was " + port);
    }
    return port;
  }

  private String bindAddress(Options options) {
    Optional<Setting> setting = setting("--bind", options.bind, "LAB_BIND");
    if (setting.isEmpty()) {
      return LabConfig.DEFAULT_BIND_ADDRESS;
    }
    String trimmed = setting.get().value().trim();
    if (!trimmed.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
      throw new InvalidSettingException(
          setting.get().source()
              + " must be a host name or an IP address such as 127.0.0.1 or 0.0.0.0, was '"
              + setting.get().value() + "'");
    }
    return trimmed;
  }

  private Path databaseFile(Options options) {
    Optional<Setting> setting = setting("--db", options.db, "LAB_DB");
    if (setting.isEmpty()) {
      return DefaultDatabaseLocation.resolve(environment);
    }
    try {
      return Path.of(setting.get().value());
    } catch (InvalidPathException e) {
      throw new InvalidSettingException(setting.get().source() + " is not a usable path: " + e.getMessage());
    }
  }

  /**
   * The flag if given (an empty flag value is an error), else the variable; an empty variable
   * counts as unset, as shells make it easy to clear one that way.
   */
  private Optional<Setting> setting(String flag, String flagValue, String variable) {
    if (flagValue != null) {
      if (flagValue.isBlank()) {
        throw new InvalidSettingException(flag + " needs a value, was empty");
      }
      return Optional.of(new Setting(flag, flagValue));
    }
    String fromEnvironment = environment.get(variable);
    return fromEnvironment == null || fromEnvironment.isBlank()
        ? Optional.empty()
        : Optional.of(new Setting(variable, fromEnvironment));
  }

  private record Setting(String source, String value) {}

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
      super(message, null, false, false);
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
