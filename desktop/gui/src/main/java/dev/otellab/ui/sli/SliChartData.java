package dev.otellab.ui.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the SLI charts draw for one series (the service overall or one route): availability
 * and error ratio in percent, request rate per second, and the latency percentiles in ms.
 * Steps without requests have nothing to measure: they are left out (a gap), never drawn as 0
 * or 100%.
 */
public record SliChartData(
        List<Point> availabilityPercent,
        List<Point> requestRate,
        List<Point> errorPercent,
        List<Point> p50Millis,
        List<Point> p95Millis,
        List<Point> p99Millis) {

    public static final SliChartData EMPTY = new SliChartData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** One point: the start of its step and the value there. */
    public record Point(long timeUnixNano, double value) {
    }

    public SliChartData {
        availabilityPercent = List.copyOf(availabilityPercent);
        requestRate = List.copyOf(requestRate);
        errorPercent = List.copyOf(errorPercent);
        p50Millis = List.copyOf(p50Millis);
        p95Millis = List.copyOf(p95Millis);
        p99Millis = List.copyOf(p99Millis);
    }

    public static SliChartData of(SliSeries series) {
        if (series == null) {
            return EMPTY;
        }
        List<SliPoint> points = series.points();
        return new SliChartData(
                measured(points, point -> point.availability() * 100),
                // a step without requests has a rate: zero
                points.stream().map(point -> new Point(point.timeUnixNano(), point.hasRequests() ? point.requestRate() : 0)).toList(),
                measured(points, point -> point.errorRatio() * 100),
                measured(points, SliPoint::p50Millis),
                measured(points, SliPoint::p95Millis),
                measured(points, SliPoint::p99Millis));
    }

    public boolean isEmpty() {
        return availabilityPercent.isEmpty();
    }

    private static List<Point> measured(List<SliPoint> points, ToDoubleFunction<SliPoint> value) {
        List<Point> result = new ArrayList<>();
        for (SliPoint point : points) {
            double v = value.applyAsDouble(point);
            if (point.hasRequests() && Double.isFinite(v)) {
                result.add(new Point(point.timeUnixNano(), v));
            }
        }
        return result;
    }
}
