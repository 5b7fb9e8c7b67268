package dev.otellab.backend.config;

import java.util.Map;
import java.util.Optional;

/**
 * Reads one setting from a flag or a LAB_* variable, the way every lab service does: the flag
 * wins (an empty flag value is an error), an empty variable counts as unset, and the shared
 * settings (port, bind address) are checked alike. Errors are {@link InvalidSettingException}s
 * whose message names the flag or variable.
 */
public final class SettingReader {

  private final Map<String, String> environment;

  public SettingReader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The flag if given, else the variable. */
  public Optional<Setting> setting(String flag, String flagValue, String variable) {
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

  /** --port / LAB_PORT: 0..65535, 0 = any free port. */
  public int port(String flagValue, int defaultPort) {
    Optional<Setting> setting = setting("--port", flagValue, "LAB_PORT");
    if (setting.isEmpty()) {
      return defaultPort;
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

  /** --bind / LAB_BIND: a host name or an IP literal. */
  public String bindAddress(String flagValue, String defaultAddress) {
    Optional<Setting> setting = setting("--bind", flagValue, "LAB_BIND");
    if (setting.isEmpty()) {
      return defaultAddress;
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

  /** A value and where it came from (the flag or the variable), for error messages. */
  public record Setting(String source, String value) {}

  /** A setting that cannot be used; the message says which and why. */
  public static final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
      super(message, null, false, false);
    }
  }
}
