package dev.otellab.backend.telemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Delivers what the batch processors still hold, then stops the SDK, within a time budget. */
public final class TelemetryShutdown {

  private static final long TIMEOUT_SECONDS = 10;

  private TelemetryShutdown() {}

  public static void flushAndShutdown(OpenTelemetrySdk sdk) {
    CompletableResultCode.ofAll(
            List.of(
                sdk.getSdkTracerProvider().forceFlush(), sdk.getSdkLoggerProvider().forceFlush()))
        .join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    sdk.shutdown().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
