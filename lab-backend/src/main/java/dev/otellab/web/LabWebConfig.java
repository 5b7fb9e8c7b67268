package dev.otellab.web;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated start-up settings of lab-web.
 *
 * @param bindAddress host name or IP literal the HTTP server binds to
 * @param port TCP port; 0 asks the operating system for any free port
 * @param backendUrl lab-backend's base URL, where /api/* is forwarded
 * @param backendTimeout how long lab-web waits for lab-backend's answer before a 504
 * @param browserOtlpUrl the OTLP/HTTP base URL the page exports its spans to; empty: the page
 *     makes spans and propagates them but does not export
 */
public record LabWebConfig(
    String bindAddress, int port, URI backendUrl, Duration backendTimeout, Optional<String> browserOtlpUrl) {

  public static final int DEFAULT_PORT = 8000;
  public static final URI DEFAULT_BACKEND_URL = URI.create("http://127.0.0.1:5000");
  /** Longer than lab-backend's slowest route (10 s), so only a hung lab-backend gives a 504. */
  public static final Duration DEFAULT_BACKEND_TIMEOUT = Duration.ofSeconds(12);
  /** Connecting to lab-backend on its network takes milliseconds; a refused or lost connection fails fast. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(1);

  public LabWebConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(backendUrl, "backendUrl");
    Objects.requireNonNull(backendTimeout, "backendTimeout");
    Objects.requireNonNull(browserOtlpUrl, "browserOtlpUrl");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    if (backendTimeout.isNegative() || backendTimeout.isZero()) {
      throw new IllegalArgumentException("backendTimeout must be positive, was " + backendTimeout);
    }
  }

  /** The connect timeout: the backend timeout, at most {@link #MAX_CONNECT_TIMEOUT}. */
  public Duration connectTimeout() {
    return backendTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? backendTimeout : MAX_CONNECT_TIMEOUT;
  }
}
