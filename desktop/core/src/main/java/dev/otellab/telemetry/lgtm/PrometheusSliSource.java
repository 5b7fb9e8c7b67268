package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.Backend;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.LatencyExemplar;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.LatencyExemplars;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.SloEvaluator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SLIs from Prometheus ({@link SliPromQl}), shaped like the embedded source's: step {@code i}
 * covers {@code [from + i*step, from + (i+1)*step)} and is evaluated at its end over a window
 * of the step (at least {@code minimumWindow}, so that a window holds enough scrapes for
 * {@code rate()}); the totals are one instant query at the range's end over the whole range.
 *
 * <p>Differences from the embedded source, which counts spans exactly (docs/decisions/0011):
 * counts are Prometheus's extrapolated increases, rounded (at least 1 when any); percentiles are
 * interpolated within histogram buckets; the rate is over the window, which is longer than the
 * step when the step is shorter than {@code minimumWindow}.
 */
public final class PrometheusSliSource implements SliSource, LatencyExemplars {
    /** Four scrapes at Prometheus's default 15 s interval, as Grafana's $__rate_interval. */
    public static final Duration DEFAULT_MINIMUM_WINDOW = Duration.ofMinutes(1);
    /** Prometheus's limit of points per series of a range query. */
    public static final int MAX_STEPS = 11_000;
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};
    private static final String OVERALL = SliSeries.ALL_ROUTES;

    private final LgtmHttp http;
    private final Duration minimumWindow;
    private final Clock clock;

    PrometheusSliSource(LgtmHttp http, Duration minimumWindow, Clock clock) {
        this.http = http;
        this.minimumWindow = minimumWindow;
        this.clock = clock;
    }

    @Override
    public SliReport sli(String service, TimeRange range, Duration step) {
        long stepNanos = step.toNanos();
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("The step is a positive duration, got " + step);
        }
        TimeRange clipped = QueryRanges.clipped(range, clock);
        long length = clipped.toUnixNano() - clipped.fromUnixNano();
        long steps = length == 0 ? 0 : (length - 1) / stepNanos + 1;
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("Too many steps (" + steps + "): Prometheus answers at most "
                    + MAX_STEPS + " points per series; use a larger step or a shorter range");
        }
        Duration window = step.compareTo(minimumWindow) < 0 ? minimumWindow : step;
        long stepMillis = Math.max(1, step.toMillis());
        long firstMillis = Math.floorDiv(clipped.fromUnixNano() + stepNanos, 1_000_000L);
        Map<String, Map<Long, Double>> requests = Map.of();
        Map<String, Map<Long, Double>> errors = Map.of();
        List<Map<String, Map<Long, Double>>> quantiles = new ArrayList<>();
        if (steps > 0) {
            long lastMillis = firstMillis + (steps - 1) * stepMillis;
            requests = rangeQuery(SliPromQl.increase(SliPromQl.REQUESTS, service, window), firstMillis, lastMillis, stepMillis);
            errors = rangeQuery(SliPromQl.increase(SliPromQl.ERRORS, service, window), firstMillis, lastMillis, stepMillis);
            for (double q : QUANTILES) {
                quantiles.add(rangeQuery(SliPromQl.quantile(q, service, window), firstMillis, lastMillis, stepMillis));
            }
        }
        Totals totals = totals(service, clipped);
        TreeSet<String> routes = new TreeSet<>(requests.keySet());
        routes.addAll(totals.requests.keySet());
        routes.remove(OVERALL);
        List<SliSeries> byRoute = new ArrayList<>();
        SliSeries overall = null;
        List<String> all = new ArrayList<>();
        all.add(OVERALL);
        all.addAll(routes);
        for (String route : all) {
            List<SliPoint> points = new ArrayList<>((int) steps);
            for (int i = 0; i < steps; i++) {
                long start = clipped.fromUnixNano() + i * stepNanos;
                long at = firstMillis + i * stepMillis;
                points.add(point(start, window, value(requests, route, at), value(errors, route, at),
                        value(quantiles, 0, route, at), value(quantiles, 1, route, at), value(quantiles, 2, route, at)));
            }
            SliSeries series = new SliSeries(service, route, points, totals.point(route, clipped));
            if (route.equals(OVERALL)) {
                overall = series;
            } else {
                byRoute.add(series);
            }
        }
        return new SliReport(clipped.fromUnixNano(), clipped.toUnixNano(), stepNanos, overall, byRoute);
    }

    @Override
    public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
        TimeRange clipped = QueryRanges.clipped(range, clock);
        Totals totals = totals(service, clipped);
        List<SloStatus> statuses = new ArrayList<>();
        statuses.add(SloEvaluator.evaluate(service, OVERALL, totals.point(OVERALL, clipped), targets));
        for (String route : new TreeSet<>(totals.requests.keySet())) {
            if (!route.equals(OVERALL)) {
                statuses.add(SloEvaluator.evaluate(service, route, totals.point(route, clipped), targets));
            }
        }
        return statuses;
    }

    @Override
    public List<String> services(TimeRange range) {
        TimeRange clipped = QueryRanges.clipped(range, clock);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("match[]", SliPromQl.REQUESTS);
        query.put("start", seconds(clipped.fromUnixNano()));
        query.put("end", seconds(clipped.toUnixNano()));
        JsonNode answer = http.getJson(Backend.PROMETHEUS,
                http.url(Backend.PROMETHEUS, "api/v1/label", query, SliPromQl.SERVICE_LABEL, "values"),
                "services: values of label " + SliPromQl.SERVICE_LABEL + " on " + SliPromQl.REQUESTS);
        TreeSet<String> services = new TreeSet<>();
        answer.path("data").forEach(value -> services.add(value.asText()));
        return List.copyOf(services);
    }

    /**
     * The exemplars Prometheus keeps for the duration histogram ({@code /api/v1/query_exemplars};
     * needs Prometheus's exemplar storage and lab-backend's OpenMetrics scrape). lab-backend's
     * exemplars carry {@code trace_id} and {@code span_id} labels.
     */
    @Override
    public List<LatencyExemplar> latencyExemplars(String service, TimeRange range) {
        TimeRange clipped = QueryRanges.clipped(range, clock);
        String promQl = SliPromQl.DURATION_BUCKETS + SliPromQl.selector(service);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", promQl);
        query.put("start", seconds(clipped.fromUnixNano()));
        query.put("end", seconds(clipped.toUnixNano()));
        JsonNode answer = http.getJson(Backend.PROMETHEUS, http.url(Backend.PROMETHEUS, "api/v1/query_exemplars", query),
                "exemplars of " + promQl);
        List<LatencyExemplar> exemplars = new ArrayList<>();
        for (JsonNode series : answer.path("data")) {
            String route = series.path("seriesLabels").path(SliPromQl.ROUTE_LABEL).asText("");
            for (JsonNode exemplar : series.path("exemplars")) {
                String traceId = exemplar.path("labels").path("trace_id").asText("").toLowerCase(Locale.ROOT);
                if (!traceId.isEmpty()) {
                    long time = Math.round(exemplar.path("timestamp").asDouble() * 1e3) * 1_000_000L;
                    exemplars.add(new LatencyExemplar(time, route, number(exemplar.path("value").asText("NaN")) * 1000,
                            traceId, exemplar.path("labels").path("span_id").asText("").toLowerCase(Locale.ROOT)));
                }
            }
        }
        exemplars.sort(java.util.Comparator.comparingLong(LatencyExemplar::timeUnixNano));
        return exemplars;
    }

    /** The point of one step: counts from the increases over {@code window}, latencies in ms. */
    static SliPoint point(long start, Duration window, double requested, double failed, double p50, double p95,
                          double p99) {
        double requests = Double.isNaN(requested) ? 0 : requested;
        if (!(requests > 0)) {
            return new SliPoint(start, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double errors = Double.isNaN(failed) ? 0 : failed; // no 5xx yet: the error counter has no series
        double errorRatio = errors / requests;
        return new SliPoint(start, Math.max(1, Math.round(requests)), Math.round(errors),
                requests / (window.toNanos() / 1e9), errorRatio, 1 - errorRatio, p50 * 1000, p95 * 1000, p99 * 1000);
    }

    private Totals totals(String service, TimeRange range) {
        Duration length = Duration.ofNanos(Math.max(1_000_000, range.toUnixNano() - range.fromUnixNano()));
        long at = range.toUnixNano();
        Totals totals = new Totals(length);
        totals.requests = instantQuery(SliPromQl.increase(SliPromQl.REQUESTS, service, length), at);
        totals.errors = instantQuery(SliPromQl.increase(SliPromQl.ERRORS, service, length), at);
        for (double q : QUANTILES) {
            totals.quantiles.add(instantQuery(SliPromQl.quantile(q, service, length), at));
        }
        return totals;
    }

    /** A range query evaluated at {@code firstMillis}, every {@code stepMillis}, up to {@code lastMillis}. */
    private Map<String, Map<Long, Double>> rangeQuery(String promQl, long firstMillis, long lastMillis, long stepMillis) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", promQl);
        query.put("start", millisAsSeconds(firstMillis));
        query.put("end", millisAsSeconds(lastMillis));
        query.put("step", millisAsSeconds(stepMillis));
        return series(http.getJson(Backend.PROMETHEUS, http.url(Backend.PROMETHEUS, "api/v1/query_range", query),
                "query " + promQl));
    }

    private Map<String, Double> instantQuery(String promQl, long at) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", promQl);
        query.put("time", seconds(at));
        Map<String, Double> values = new TreeMap<>();
        series(http.getJson(Backend.PROMETHEUS, http.url(Backend.PROMETHEUS, "api/v1/query", query),
                "query " + promQl)).forEach((route, points) -> points.values().forEach(v -> values.put(route, v)));
        return values;
    }

    /** Route ("" for the series without a route label) to evaluation time (ns, to the ms) to value. */
    private static Map<String, Map<Long, Double>> series(JsonNode answer) {
        Map<String, Map<Long, Double>> series = new TreeMap<>();
        for (JsonNode result : answer.path("data").path("result")) {
            String route = result.path("metric").path(SliPromQl.ROUTE_LABEL).asText(OVERALL);
            Map<Long, Double> points = series.computeIfAbsent(route, r -> new TreeMap<>());
            if (result.has("value")) {
                points.put(millisKey(result.get("value")), number(result.get("value").get(1).asText()));
            }
            for (JsonNode value : result.path("values")) {
                points.put(millisKey(value), number(value.get(1).asText()));
            }
        }
        return series;
    }

    private static long millisKey(JsonNode value) {
        return Math.round(value.get(0).asDouble() * 1000);
    }

    private static double value(Map<String, Map<Long, Double>> series, String route, long atMillis) {
        Map<Long, Double> points = series.get(route);
        Double value = points == null ? null : points.get(atMillis);
        return value == null ? Double.NaN : value;
    }

    private static double value(List<Map<String, Map<Long, Double>>> quantiles, int index, String route, long at) {
        return index < quantiles.size() ? value(quantiles.get(index), route, at) : Double.NaN;
    }

    static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Seconds with millisecond precision, as Prometheus takes times. */
    static String seconds(long unixNano) {
        return millisAsSeconds(Math.floorDiv(unixNano, 1_000_000L));
    }

    private static String millisAsSeconds(long millis) {
        return Math.floorDiv(millis, 1000L) + "." + String.format(Locale.ROOT, "%03d", Math.floorMod(millis, 1000L));
    }


    /** The instant-query answers over a whole range. */
    private static final class Totals {
        private final Duration window;
        private Map<String, Double> requests = Map.of();
        private Map<String, Double> errors = Map.of();
        private final List<Map<String, Double>> quantiles = new ArrayList<>();

        Totals(Duration window) {
            this.window = window;
        }

        SliPoint point(String route, TimeRange range) {
            return PrometheusSliSource.point(range.fromUnixNano(), window, get(requests, route), get(errors, route),
                    get(quantiles.get(0), route), get(quantiles.get(1), route), get(quantiles.get(2), route));
        }

        private static double get(Map<String, Double> values, String route) {
            Double value = values.get(route);
            return value == null ? Double.NaN : value;
        }
    }
}
