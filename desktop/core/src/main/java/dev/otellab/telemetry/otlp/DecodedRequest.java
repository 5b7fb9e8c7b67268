package dev.otellab.telemetry.otlp;

import dev.otellab.telemetry.ingest.TelemetryBatch;

/**
 * One OTLP export request turned into the domain: the valid items, and how many items were
 * rejected as invalid with the reason of the first (for OTLP's partial_success).
 */
public record DecodedRequest(TelemetryBatch batch, long rejected, String errorMessage) {
    public DecodedRequest {
        errorMessage = errorMessage == null ? "" : errorMessage;
    }

    public boolean hasRejections() {
        return rejected > 0;
    }
}
