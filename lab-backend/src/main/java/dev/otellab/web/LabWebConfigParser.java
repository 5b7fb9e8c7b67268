package dev.otellab.web;

import dev.otellab.backend.config.CommandLineFlags;
import dev.otellab.backend.config.ConfigResult;
import dev.otellab.backend.config.SettingReader;
import dev.otellab.backend.config.SettingReader.InvalidSettingException;
import dev.otellab.backend.config.SettingReader.Setting;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns lab-web's flags and LAB_* variables into settings, with lab-backend's rules for the
 * shared ones (port, bind address). Never exits and never throws for bad input.
 */
public final class LabWebConfigParser {

  private final SettingReader settings;

  public LabWebConfigParser(Map<String, String> environment) {
    this.settings = new SettingReader(environment);
  }

  /** The settings, or what to print and exit with. */
  public sealed interface Result {
    /** Settings that passed validation. */
    record Valid(LabWebConfig config) implements Result {}

    /** --help, --version or a bad setting: print and exit as lab-backend does. */
    record Exit(ConfigResult reason) implements Result {}
  }

  public Result parse(String... args) {
    Options options = new Options();
    Optional<ConfigResult> exit = CommandLineFlags.parseInto(options, LabWeb.SERVICE_NAME, args);
    if (exit.isPresent()) {
      return new Result.Exit(exit.get());
    }
    try {
      return new Result.Valid(
          new LabWebConfig(
              settings.bindAddress(options.bind, "127.0.0.1"),
              settings.port(options.port, LabWebConfig.DEFAULT_PORT),
              httpUrl(settings.setting("--backend-url", options.backendUrl, "LAB_BACKEND_URL"))
                  .orElse(LabWebConfig.DEFAULT_BACKEND_URL),
              timeout(options),
              httpUrl(settings.setting("--browser-otlp-url", options.browserOtlpUrl, "LAB_BROWSER_OTLP_URL"))
                  .map(LabWebConfigParser::withoutTrailingSlash)));
    } catch (InvalidSettingException e) {
      return new Result.Exit(new ConfigResult.Invalid(e.getMessage()));
    }
  }

  private Duration timeout(Options options) {
    Optional<Setting> setting =
        settings.setting("--backend-timeout", options.backendTimeout, "LAB_BACKEND_TIMEOUT");
    if (setting.isEmpty()) {
      return LabWebConfig.DEFAULT_BACKEND_TIMEOUT;
    }
    String raw = setting.get().value().trim();
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      seconds = BigDecimal.ZERO.subtract(BigDecimal.ONE);
    }
    if (seconds.compareTo(new BigDecimal("0.05")) < 0 || seconds.compareTo(BigDecimal.valueOf(300)) > 0) {
      throw new InvalidSettingException(
          setting.get().source() + " must be a number of seconds in 0.05..300, was '" + raw + "'");
    }
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  private static Optional<URI> httpUrl(Optional<Setting> setting) {
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    String raw = setting.get().value().trim();
    try {
      URI uri = new URI(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new InvalidSettingException(
        setting.get().source() + " must be an http(s) URL such as http://127.0.0.1:5000, was '" + raw + "'");
  }

  private static String withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  @Command(
      name = "lab-web",
      mixinStandardHelpOptions = true,
      description = "The lab's web front: serves the tasks page and forwards its API calls to lab-backend.",
      footer = {
        "",
        "Run it with: java -cp lab-backend.jar dev.otellab.web.LabWeb",
        "Telemetry is configured by the standard OTEL_* variables (e.g. OTEL_EXPORTER_OTLP_ENDPOINT)."
      })
  static final class Options {
    @Option(names = "--port", paramLabel = "PORT", description = "TCP port, 0 = any free port (env LAB_PORT, default 8000)")
    String port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to bind (env LAB_BIND, default 127.0.0.1)")
    String bind;

    @Option(names = "--backend-url", paramLabel = "URL", description = "lab-backend's base URL (env LAB_BACKEND_URL, default http://127.0.0.1:5000)")
    String backendUrl;

    @Option(names = "--backend-timeout", paramLabel = "SECONDS", description = "wait this long for lab-backend, then answer 504 (env LAB_BACKEND_TIMEOUT, default 12)")
    String backendTimeout;

    @Option(names = "--browser-otlp-url", paramLabel = "URL", description = "OTLP/HTTP base URL the page exports its spans to, e.g. http://127.0.0.1:4318 (env LAB_BROWSER_OTLP_URL; unset: the page does not export)")
    String browserOtlpUrl;
  }
}
