package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.LatencyExemplar;

import java.util.List;

/**
 * Traced requests behind a service's latency histogram (Prometheus exemplars), for the latency
 * chart. Optional next to {@link SliSource}: a source without exemplars does not implement it.
 */
public interface LatencyExemplars {

    /** The exemplars of {@code service} in {@code range}, oldest first. */
    List<LatencyExemplar> latencyExemplars(String service, TimeRange range);
}
