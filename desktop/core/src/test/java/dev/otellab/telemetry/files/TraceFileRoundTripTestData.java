package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.Span;

import java.util.List;

import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;

/** The round trip's trace with every kind of attribute value, an event and a link, for other tests. */
public final class TraceFileRoundTripTestData {
    private TraceFileRoundTripTestData() {
    }

    public static List<Span> richTrace() {
        return TraceFileRoundTripTest.richTrace(traceId(42));
    }
}
