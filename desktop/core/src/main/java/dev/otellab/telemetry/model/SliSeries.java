package dev.otellab.telemetry.model;

import java.util.List;

/**
 * SLIs over time for one route, or for the whole service when {@code route} is
 * {@link #ALL_ROUTES}. {@code total} aggregates the whole range.
 */
public record SliSeries(String service, String route, List<SliPoint> points, SliPoint total) {
    public static final String ALL_ROUTES = "";

    public SliSeries {
        points = List.copyOf(points);
    }

    public boolean isOverall() {
        return ALL_ROUTES.equals(route);
    }
}
