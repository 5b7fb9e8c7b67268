package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.ServiceMap;

/**
 * The service map of a time range: from the stored spans (embedded) or from Tempo's
 * service-graph series in Prometheus (docker, remote); docs/decisions/0023. Implementations
 * are thread-safe.
 */
public interface ServiceMapSource {

    ServiceMap map(TimeRange range);
}
