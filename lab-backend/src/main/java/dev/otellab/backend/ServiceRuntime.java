package dev.otellab.backend;

import dev.otellab.backend.telemetry.TelemetryShutdown;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a lab service process (lab-backend, lab-web) lives: start it or exit with code 1 and the
 * reason; on SIGTERM stop it (draining requests), then flush and stop the SDK.
 */
public final class ServiceRuntime {

  static final int EXIT_STARTUP_FAILED = 1;

  private ServiceRuntime() {}

  /** The started service; when it cannot start, the process exits after flushing telemetry. */
  public static <T> T startOrExit(
      String serviceName, OpenTelemetrySdk sdk, Supplier<T> start, Consumer<T> stop) {
    Logger log = LoggerFactory.getLogger(ServiceRuntime.class);
    T service;
    try {
      service = start.get();
    } catch (RuntimeException e) {
      System.err.println(serviceName + ": cannot start: " + e.getMessage());
      TelemetryShutdown.flushAndShutdown(sdk);
      System.exit(EXIT_STARTUP_FAILED);
      throw e; // not reached: exit does not return
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info(serviceName + " stopping");
                  try {
                    stop.accept(service);
                    log.info(serviceName + " stopped");
                  } finally {
                    TelemetryShutdown.flushAndShutdown(sdk);
                  }
                },
                serviceName + "-shutdown"));
    return service;
  }
}
