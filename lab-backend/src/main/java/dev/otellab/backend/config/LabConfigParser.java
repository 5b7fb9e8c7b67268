package dev.otellab.backend.config;

import dev.otellab.backend.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
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
    String source = options.port != null ? "--port" : "LAB_PORT";
    String raw = options.port != null ? options.port : environment.get("LAB_PORT");
    if (raw == null || raw.isBlank()) {
      return LabConfig.DEFAULT_PORT;
    }
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
    String source = options.bind != null ? "--bind" : "LAB_BIND";
    String raw = options.bind != null ? options.bind : environment.get("LAB_BIND");
    if (raw == null) {
      return LabConfig.DEFAULT_BIND_ADDRESS;
    }
    String trimmed = raw.trim();
    if (trimmed.isEmpty() || !trimmed.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
      throw new InvalidSettingException(
          source + " must be a host name or an IP address such as 127.0.0.1 or 0.0.0.0, was '"
              + raw + "'");
    }
    return trimmed;
  }

  private Path databaseFile(Options options) {
    String source = options.db != null ? "--db" : "LAB_DB";
    String raw = options.db != null ? options.db : environment.get("LAB_DB");
    if (raw == null) {
      return DefaultDatabaseLocation.resolve(environment);
    }
    if (raw.isBlank()) {
      throw new InvalidSettingException(source + " must name a file, was empty");
    }
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      throw new InvalidSettingException(source + " is not a usable path: " + e.getMessage());
    }
  }

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
