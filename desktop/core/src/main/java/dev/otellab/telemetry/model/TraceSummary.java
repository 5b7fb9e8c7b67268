package dev.otellab.telemetry.model;

import java.util.Set;

/** One row of a trace search result. */
public record TraceSummary(
        String traceId,
        String rootService,
        String rootName,
        long startUnixNano,
        long durationNanos,
        int spanCount,
        int errorCount,
        Set<String> services) {

    public TraceSummary {
        services = Set.copyOf(services);
    }

    /** The trace id as a value, for asking a {@code TraceSource} for the whole trace. */
    public TraceId id() {
        return new TraceId(traceId);
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }
}
