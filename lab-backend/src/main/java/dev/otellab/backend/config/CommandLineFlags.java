package dev.otellab.backend.config;

import dev.otellab.backend.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import picocli.CommandLine;

/** Parses a lab service's flags into its picocli options object, answering --help and --version. */
public final class CommandLineFlags {

  private CommandLineFlags() {}

  /**
   * Fills {@code options} from {@code args}; returns what to print and exit with when the flags
   * are malformed or ask for help or the version, else empty (then read the settings).
   */
  public static Optional<ConfigResult> parseInto(Object options, String serviceName, String... args) {
    CommandLine commandLine = new CommandLine(options);
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return Optional.of(new ConfigResult.Invalid(firstLine(e.getMessage()) + " (see --help)"));
    }
    if (commandLine.isUsageHelpRequested()) {
      StringWriter usage = new StringWriter();
      commandLine.usage(new PrintWriter(usage));
      return Optional.of(new ConfigResult.InfoRequested(usage.toString()));
    }
    if (commandLine.isVersionHelpRequested()) {
      return Optional.of(new ConfigResult.InfoRequested(serviceName + " " + BuildInfo.version()));
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
