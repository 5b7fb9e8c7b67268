package dev.otellab.telemetry.model;

import java.util.List;

/** SLI series over one range and step: the overall series and one per route. */
public record SliReport(long fromUnixNano, long toUnixNano, long stepNanos, SliSeries overall, List<SliSeries> byRoute) {
    public SliReport {
        byRoute = List.copyOf(byRoute);
    }
}
