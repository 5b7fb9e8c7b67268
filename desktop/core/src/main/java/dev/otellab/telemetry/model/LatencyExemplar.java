package dev.otellab.telemetry.model;

/**
 * One request's latency as a metrics backend kept it next to its histogram: when, on which
 * route, how long, and the trace (and span) it belongs to, so a latency chart can link a point
 * to its trace. Ids are lowercase hex; the span id may be empty.
 */
public record LatencyExemplar(long timeUnixNano, String route, double latencyMillis, String traceId, String spanId) {
    public LatencyExemplar {
        route = route == null ? "" : route;
        traceId = traceId == null ? "" : traceId;
        spanId = spanId == null ? "" : spanId;
    }
}
