package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Service level indicators computed exactly from requests (pure functions, no I/O).
 *
 * <p>Steps start at the range's start: step {@code i} covers
 * {@code [from + i*step, from + (i+1)*step)}, the last one clipped at the range's end. A request
 * belongs to the step its span started in. Rates are requests per second of the (clipped) step.
 * Latency percentiles use the <b>nearest-rank</b> definition: the p-th percentile of n sorted
 * durations is the one at rank {@code ceil(p/100 * n)} (1-based), so it is always an observed
 * duration (1..100 ms gives p50 = 50, p95 = 95, p99 = 99). A step without requests has NaN
 * ratios and latencies.
 */
public final class SliCalculator {
    /** More steps than this is a mistake of the caller (e.g. an unbounded range). */
    public static final int MAX_STEPS = 100_000;

    private SliCalculator() {
    }

    /** The report of the SERVER spans among {@code spans} (other kinds are ignored). */
    public static SliReport fromSpans(String service, List<Span> spans, TimeRange range, Duration step) {
        List<RequestSample> samples = new ArrayList<>();
        for (Span span : spans) {
            if (span.kind() == SpanKind.SERVER) {
                samples.add(RequestSample.of(span));
            }
        }
        return report(service, samples, range, step);
    }

    public static SliReport report(String service, List<RequestSample> samples, TimeRange range, Duration step) {
        long stepNanos = step.toNanos();
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("The step is a positive duration, got " + step);
        }
        long length = range.toUnixNano() - range.fromUnixNano();
        long steps = length == 0 ? 0 : (length - 1) / stepNanos + 1;
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("Too many steps (" + steps + "): use a larger step or a shorter range");
        }
        List<RequestSample> inRange = new ArrayList<>(samples.size());
        Map<String, List<RequestSample>> byRoute = new TreeMap<>();
        for (RequestSample sample : samples) {
            if (range.contains(sample.startUnixNano())) {
                inRange.add(sample);
                byRoute.computeIfAbsent(sample.route(), k -> new ArrayList<>()).add(sample);
            }
        }
        SliSeries overall = series(service, SliSeries.ALL_ROUTES, inRange, range, stepNanos, (int) steps);
        List<SliSeries> routes = new ArrayList<>(byRoute.size());
        byRoute.forEach((route, routeSamples) ->
                routes.add(series(service, route, routeSamples, range, stepNanos, (int) steps)));
        return new SliReport(range.fromUnixNano(), range.toUnixNano(), stepNanos, overall, routes);
    }

    /** The indicators of all {@code samples} together, over a window of {@code windowNanos}. */
    public static SliPoint point(long timeUnixNano, long windowNanos, List<RequestSample> samples) {
        int n = samples.size();
        if (n == 0) {
            return new SliPoint(timeUnixNano, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] durations = new long[n];
        long errors = 0;
        for (int i = 0; i < n; i++) {
            RequestSample sample = samples.get(i);
            durations[i] = sample.durationNanos();
            if (sample.error()) {
                errors++;
            }
        }
        Arrays.sort(durations);
        double errorRatio = (double) errors / n;
        double rate = windowNanos > 0 ? n / (windowNanos / 1e9) : Double.NaN;
        return new SliPoint(timeUnixNano, n, errors, rate, errorRatio, 1 - errorRatio,
                millis(nearestRank(durations, 50)), millis(nearestRank(durations, 95)),
                millis(nearestRank(durations, 99)));
    }

    /** Nearest-rank percentile of sorted values: the value at rank ceil(p/100 * n), 1-based. */
    public static long nearestRank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static SliSeries series(String service, String route, List<RequestSample> samples,
                                    TimeRange range, long stepNanos, int steps) {
        List<List<RequestSample>> buckets = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            buckets.add(new ArrayList<>());
        }
        for (RequestSample sample : samples) {
            int index = (int) ((sample.startUnixNano() - range.fromUnixNano()) / stepNanos);
            buckets.get(index).add(sample);
        }
        List<SliPoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            long start = range.fromUnixNano() + i * stepNanos;
            long end = Math.min(range.toUnixNano(), start + stepNanos);
            points.add(point(start, end - start, buckets.get(i)));
        }
        SliPoint total = point(range.fromUnixNano(), range.toUnixNano() - range.fromUnixNano(), samples);
        return new SliSeries(service, route, points, total);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
