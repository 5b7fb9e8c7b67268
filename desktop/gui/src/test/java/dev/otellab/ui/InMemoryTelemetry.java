package dev.otellab.ui;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.map.ServiceMapBuilder;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The query ports over lists in memory: a test double for the views (the embedded store
 * and the LGTM clients implement the same ports for real). {@link #publish} feeds the live tail
 * on the caller's thread, as a store's ingest thread would.
 */
public final class InMemoryTelemetry implements TraceSource, LogSource, SliSource, ServiceMapSource {
    private final Map<String, List<Span>> spansByTrace = new LinkedHashMap<>();
    private final List<LogRecord> logs = new ArrayList<>();
    private final List<Tail> tails = new CopyOnWriteArrayList<>();

    private record Tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
    }

    public synchronized void addSpans(List<Span> spans) {
        for (Span span : spans) {
            spansByTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        }
    }

    public synchronized void addLogs(List<LogRecord> records) {
        logs.addAll(records);
    }

    /** Stores records and hands the matching ones to every open tail, on this thread. */
    public void publish(List<LogRecord> records) {
        addLogs(records);
        for (Tail tail : tails) {
            List<LogRecord> matching = records.stream().filter(tail.filter()::matches).toList();
            if (!matching.isEmpty()) {
                tail.listener().accept(matching);
            }
        }
    }

    public int openTails() {
        return tails.size();
    }

    /** The map by the same edge rule as the embedded store, over the traces that started in the range. */
    @Override
    public synchronized ServiceMap map(TimeRange range) {
        ServiceMapBuilder builder = new ServiceMapBuilder();
        for (List<Span> spans : spansByTrace.values()) {
            Trace trace = new Trace(spans.get(0).traceId(), spans);
            if (range.contains(trace.startUnixNano())) {
                builder.addAll(ServiceCalls.of(trace));
            }
        }
        return builder.build(range);
    }

    @Override
    public synchronized List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        List<TraceSummary> found = new ArrayList<>();
        for (List<Span> spans : spansByTrace.values()) {
            Trace trace = new Trace(spans.get(0).traceId(), spans);
            if (!range.contains(trace.startUnixNano()) || !matches(trace, criteria)) {
                continue;
            }
            found.add(trace.summary());
        }
        found.sort(Comparator.comparingLong(TraceSummary::startUnixNano).reversed());
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    @Override
    public synchronized Optional<Trace> trace(TraceId traceId) {
        List<Span> spans = spansByTrace.get(traceId.hex());
        return spans == null ? Optional.empty() : Optional.of(new Trace(traceId.hex(), spans));
    }

    @Override
    public synchronized List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        Comparator<LogRecord> byTime = Comparator.comparingLong(LogRecord::timeUnixNano);
        return logs.stream()
                .filter(record -> range.contains(record.timeUnixNano()) && filter.matches(record))
                .sorted(direction == QueryDirection.NEWEST_FIRST ? byTime.reversed() : byTime)
                .limit(limit)
                .toList();
    }

    @Override
    public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
        Tail tail = new Tail(filter, listener);
        tails.add(tail);
        return () -> tails.remove(tail);
    }

    @Override
    public synchronized List<String> services(TimeRange range) {
        TreeSet<String> names = new TreeSet<>();
        for (Span span : allSpans()) {
            if (span.kind() == SpanKind.SERVER && range.contains(span.startUnixNano())) {
                names.add(span.serviceName());
            }
        }
        return List.copyOf(names);
    }

    @Override
    public synchronized SliReport sli(String service, TimeRange range, Duration step) {
        List<Span> servers = serverSpans(service, range);
        Map<String, List<Span>> byRoute = new LinkedHashMap<>();
        servers.forEach(span -> byRoute.computeIfAbsent(span.name(), name -> new ArrayList<>()).add(span));
        List<SliSeries> routes = new ArrayList<>();
        byRoute.forEach((route, spans) -> routes.add(series(service, route, spans, range, step)));
        return new SliReport(range.fromUnixNano(), range.toUnixNano(), step.toNanos(),
                series(service, SliSeries.ALL_ROUTES, servers, range, step), routes);
    }

    @Override
    public synchronized List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
        SliPoint total = point(range.fromUnixNano(), serverSpans(service, range), range.length());
        if (!total.hasRequests()) {
            return List.of(new SloStatus(service, SliSeries.ALL_ROUTES, targets, 0, Double.NaN, Double.NaN, 1, 0,
                    SloHealth.NO_DATA, SloHealth.NO_DATA));
        }
        double burnRate = total.errorRatio() / targets.errorBudget();
        SloHealth availability = total.availability() >= targets.availability()
                ? (burnRate > 1 ? SloHealth.AMBER : SloHealth.GREEN) : SloHealth.RED;
        SloHealth latency = total.p95Millis() <= targets.p95LatencyMillis() ? SloHealth.GREEN : SloHealth.RED;
        return List.of(new SloStatus(service, SliSeries.ALL_ROUTES, targets, total.requests(), total.availability(),
                total.p95Millis(), 1 - burnRate, burnRate, availability, latency));
    }

    private SliSeries series(String service, String route, List<Span> spans, TimeRange range, Duration step) {
        List<SliPoint> points = new ArrayList<>();
        long stepNanos = Math.max(1, step.toNanos());
        long end = Math.min(range.toUnixNano(), spans.stream().mapToLong(Span::startUnixNano).max().orElse(range.fromUnixNano()) + 1);
        for (long at = range.fromUnixNano(); at < end; at += stepNanos) {
            long from = at;
            long to = at + stepNanos;
            points.add(point(from, spans.stream().filter(span -> span.startUnixNano() >= from && span.startUnixNano() < to).toList(), step));
        }
        return new SliSeries(service, route, points, point(range.fromUnixNano(), spans, range.length()));
    }

    private static SliPoint point(long time, List<Span> spans, Duration length) {
        long requests = spans.size();
        if (requests == 0) {
            return new SliPoint(time, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long errors = spans.stream().filter(span -> {
            Object status = span.attributes().get("http.response.status_code");
            return status != null && Attributes.asText(status).startsWith("5");
        }).count();
        double[] millis = spans.stream().mapToDouble(span -> span.durationNanos() / 1e6).sorted().toArray();
        double seconds = Math.max(1e-9, length.toNanos() / 1e9);
        double errorRatio = (double) errors / requests;
        return new SliPoint(time, requests, errors, requests / seconds, errorRatio, 1 - errorRatio,
                quantile(millis, 0.5), quantile(millis, 0.95), quantile(millis, 0.99));
    }

    private static double quantile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private List<Span> serverSpans(String service, TimeRange range) {
        return allSpans().stream()
                .filter(span -> span.kind() == SpanKind.SERVER && span.serviceName().equals(service)
                        && range.contains(span.startUnixNano()))
                .toList();
    }

    private List<Span> allSpans() {
        return spansByTrace.values().stream().flatMap(List::stream).toList();
    }

    private static boolean matches(Trace trace, TraceSearchCriteria criteria) {
        if (criteria.errorsOnly() && trace.errorCount() == 0) {
            return false;
        }
        if (criteria.minDuration() != null && trace.durationNanos() < criteria.minDuration().toNanos()) {
            return false;
        }
        if (criteria.maxDuration() != null && trace.durationNanos() > criteria.maxDuration().toNanos()) {
            return false;
        }
        return trace.spans().stream().anyMatch(span ->
                (criteria.service().isEmpty() || criteria.service().equals(span.serviceName()))
                        && (criteria.spanName().isEmpty() || span.name().toLowerCase(java.util.Locale.ROOT)
                                .contains(criteria.spanName().toLowerCase(java.util.Locale.ROOT)))
                        && criteria.attributes().entrySet().stream().allMatch(condition ->
                        span.attributes().containsKey(condition.getKey())
                                && Attributes.asText(span.attributes().get(condition.getKey())).equals(condition.getValue())));
    }
}
