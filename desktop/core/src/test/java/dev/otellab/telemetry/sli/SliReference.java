package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SLI definitions of {@link SliCalculator} written the plain way, as the calculator computed them
 * before decision 0051 (a list per route and per step, each sorted on its own): the reference the
 * calculator's and the store's numbers are compared with.
 */
public final class SliReference {
    private SliReference() {
    }

    public static SliReport report(String service, List<RequestSample> samples, TimeRange range, Duration step) {
        long stepNanos = step.toNanos();
        long length = range.toUnixNano() - range.fromUnixNano();
        int steps = (int) (length == 0 ? 0 : (length - 1) / stepNanos + 1);
        List<RequestSample> inRange = new ArrayList<>();
        Map<String, List<RequestSample>> byRoute = new TreeMap<>();
        for (RequestSample sample : samples) {
            if (range.contains(sample.startUnixNano())) {
                inRange.add(sample);
                byRoute.computeIfAbsent(sample.route(), k -> new ArrayList<>()).add(sample);
            }
        }
        SliSeries overall = series(service, SliSeries.ALL_ROUTES, inRange, range, stepNanos, steps);
        List<SliSeries> routes = new ArrayList<>();
        byRoute.forEach((route, routeSamples) -> routes.add(series(service, route, routeSamples, range, stepNanos,
                steps)));
        return new SliReport(range.fromUnixNano(), range.toUnixNano(), stepNanos, overall, routes);
    }

    private static SliSeries series(String service, String route, List<RequestSample> samples, TimeRange range,
                                    long stepNanos, int steps) {
        List<List<RequestSample>> buckets = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            buckets.add(new ArrayList<>());
        }
        for (RequestSample sample : samples) {
            buckets.get((int) ((sample.startUnixNano() - range.fromUnixNano()) / stepNanos)).add(sample);
        }
        List<SliPoint> points = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            long start = range.fromUnixNano() + i * stepNanos;
            long end = Math.min(range.toUnixNano(), start + stepNanos);
            points.add(point(start, end - start, buckets.get(i)));
        }
        return new SliSeries(service, route, points,
                point(range.fromUnixNano(), range.toUnixNano() - range.fromUnixNano(), samples));
    }

    private static SliPoint point(long timeUnixNano, long windowNanos, List<RequestSample> samples) {
        int n = samples.size();
        if (n == 0) {
            return new SliPoint(timeUnixNano, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] durations = samples.stream().mapToLong(RequestSample::durationNanos).toArray();
        long errors = samples.stream().filter(RequestSample::error).count();
        Arrays.sort(durations);
        double errorRatio = (double) errors / n;
        double rate = windowNanos > 0 ? n / (windowNanos / 1e9) : Double.NaN;
        return new SliPoint(timeUnixNano, n, errors, rate, errorRatio, 1 - errorRatio,
                percentile(durations, 50), percentile(durations, 95), percentile(durations, 99));
    }

    /** Nearest rank: the value at rank ceil(p/100 * n), 1-based, in milliseconds. */
    private static double percentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1_000_000.0;
    }
}
