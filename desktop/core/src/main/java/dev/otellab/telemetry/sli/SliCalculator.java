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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        return report(service, RequestColumns.of(samples, range, stepNanos(step)), range, step);
    }

    /**
     * The report of {@code requests}, placed in the steps of {@code range} and {@code step}, on
     * primitive arrays only: every request counts in four groups ({@link RequestGroups}), the
     * durations are sorted once, and walking them in order each group keeps the values at its
     * nearest ranks.
     */
    public static SliReport report(String service, RequestColumns requests, TimeRange range, Duration step) {
        long stepNanos = stepNanos(step);
        long length = range.toUnixNano() - range.fromUnixNano();
        long steps = length == 0 ? 0 : (length - 1) / stepNanos + 1;
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("Too many steps (" + steps + "): use a larger step or a shorter range");
        }
        int size = requests.size();
        RequestGroups groups = new RequestGroups(requests.routes().size(), (int) steps);
        int[] groupOf = new int[size]; // the group of the route and step of the request that took durations[i]
        for (int i = 0; i < size; i++) {
            int stepIndex = requests.steps()[i];
            if (stepIndex < 0 || stepIndex >= steps) {
                throw new IllegalArgumentException("Request " + i + " is placed in step " + stepIndex + " of " + steps);
            }
            groupOf[i] = groups.add(requests.routeIndexes()[i], stepIndex, requests.errors()[i]);
        }
        groups.rankDurations(requests.durations().clone(), groupOf);
        int[] routesByName = routesInNameOrder(requests.routes(), groups);
        SliSeries overall = series(service, SliSeries.ALL_ROUTES, groups, groups.allRoutes(), range, stepNanos);
        List<SliSeries> routes = new ArrayList<>(routesByName.length);
        for (int route : routesByName) {
            routes.add(series(service, requests.routes().get(route), groups, route, range, stepNanos));
        }
        return new SliReport(range.fromUnixNano(), range.toUnixNano(), stepNanos, overall, routes);
    }

    private static long stepNanos(Duration step) {
        long stepNanos = step.toNanos();
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("The step is a positive duration, got " + step);
        }
        return stepNanos;
    }

    /** Nearest-rank percentile of sorted values: the value at rank ceil(p/100 * n), 1-based. */
    public static long nearestRank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return sorted[rank(sorted.length, percentile) - 1];
    }

    /** The 1-based rank of the p-th percentile among n values, n > 0. */
    static int rank(int n, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * n);
        return Math.min(n, Math.max(1, rank));
    }

    /** The indexes of the routes with requests in the range, ordered by the routes' names. */
    private static int[] routesInNameOrder(List<String> routes, RequestGroups groups) {
        Map<String, Integer> indexOfName = new HashMap<>();
        for (int route = 0; route < routes.size(); route++) {
            if (groups.requests(groups.group(route, groups.steps())) > 0) {
                indexOfName.put(routes.get(route), route);
            }
        }
        String[] names = indexOfName.keySet().toArray(new String[0]);
        Arrays.sort(names);
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            indexes[i] = indexOfName.get(names[i]);
        }
        return indexes;
    }

    /** The series of a route slot: a route, or all of them ({@link RequestGroups#allRoutes()}). */
    private static SliSeries series(String service, String route, RequestGroups groups, int routeSlot, TimeRange range,
                                    long stepNanos) {
        List<SliPoint> points = new ArrayList<>(groups.steps());
        for (int i = 0; i < groups.steps(); i++) {
            long start = range.fromUnixNano() + i * stepNanos;
            long end = Math.min(range.toUnixNano(), start + stepNanos);
            points.add(groups.point(groups.group(routeSlot, i), start, end - start));
        }
        SliPoint total = groups.point(groups.group(routeSlot, groups.steps()), range.fromUnixNano(),
                range.toUnixNano() - range.fromUnixNano());
        return new SliSeries(service, route, points, total);
    }
}
