package dev.otellab.telemetry.query;

import java.util.List;

/**
 * Attribute names and values a trace search form can offer (e.g. service.name and its
 * services). Optional next to {@link TraceSource}: a source that cannot list them simply
 * does not implement it. Implementations are thread-safe.
 */
public interface TraceTags {

    /** Attribute names seen on spans or resources in {@code range}, sorted. */
    List<String> tagNames(TimeRange range);

    /** Values seen for the attribute {@code name} in {@code range}, sorted. */
    List<String> tagValues(String name, TimeRange range);
}
