package dev.otellab.backend.config;

/** What parsing the command line and environment produced: settings to run with, or a reason to exit. */
public sealed interface ConfigResult {

  /** Settings that passed validation. */
  record Valid(LabConfig config) implements ConfigResult {}

  /** A one-line message for stderr; the process exits with {@link #EXIT_CODE}. */
  record Invalid(String message) implements ConfigResult {
    public static final int EXIT_CODE = 2;
  }

  /** --help or --version was asked for: print the text to stdout and exit 0. */
  record InfoRequested(String text) implements ConfigResult {}
}
