package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traces from Tempo's HTTP API: TraceQL search ({@code /api/search}), a trace by id
 * ({@code /api/traces/{id}}) and tag names and values for the search form.
 *
 * <p>Tempo 2.7 answers a search with the first {@code limit} matches it finds, not the newest:
 * the search asks for a short recent window first and widens it until a window holds
 * {@code limit} matches or covers the range, merging the answers (docs/decisions/0031).
 *
 * <p>What a Tempo search result cannot say exactly (docs/decisions/0011): the trace duration is
 * whole milliseconds ({@code durationMs}, left out under 1 ms), so the matched spans' own
 * nanoseconds refine it (exact when the root span matched); span and error counts come from
 * {@code serviceStats} (Tempo 2.5+), and without it only the spans of the matching spansets are
 * counted and errors are 0; a trace whose root span has not arrived has Tempo's placeholder root service name.
 * Tempo omits leading zeros of trace ids in search results: they are padded back.
 */
public final class TempoTraceSource implements TraceSource, TraceTags {
    /** The newest window searched first: Tempo finds a trace 5-25 s after it ends, so shorter finds nothing. */
    static final Duration FIRST_WINDOW = Duration.ofSeconds(10);
    /** Each next window is this many times as long (10 s, 30 s, 90 s, 4.5 m, 13.5 m, ...). */
    static final int WIDENING = 3;
    /** The last of at most this many searches asks for the whole range. */
    static final int MAX_QUERIES = 8;

    private final LgtmHttp http;
    private final Clock clock;

    TempoTraceSource(LgtmHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String traceQl = TraceQl.of(criteria);
        long end = range.toUnixNano() == Long.MAX_VALUE ? TimeRange.toNanos(clock.instant()) : range.toUnixNano();
        Map<String, TraceSummary> found = new HashMap<>();
        long window = FIRST_WINDOW.toNanos();
        for (int queries = 1; ; queries++) {
            long start = end - window;
            boolean whole = start <= range.fromUnixNano() || queries == MAX_QUERIES;
            List<TraceSummary> answer = query(traceQl, whole ? range : new TimeRange(start, end), limit);
            answer.forEach(summary -> found.merge(summary.traceId(), summary, TempoTraceSource::longer));
            if (whole || answer.size() >= limit) {
                break;
            }
            window *= WIDENING;
        }
        return found.values().stream()
                .filter(summary -> range.contains(summary.startUnixNano()))
                .sorted(Comparator.comparingLong(TraceSummary::startUnixNano).reversed()
                        .thenComparing(TraceSummary::traceId))
                .limit(limit)
                .toList();
    }

    /** One search: Tempo's matches that started within {@code window}. */
    private List<TraceSummary> query(String traceQl, TimeRange window, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", traceQl);
        query.put("limit", Integer.toString(limit));
        query.putAll(seconds(window));
        JsonNode answer = http.getJson(Backend.TEMPO, http.url(Backend.TEMPO, "api/search", query),
                "trace search " + traceQl);
        List<TraceSummary> summaries = new ArrayList<>();
        for (JsonNode trace : answer.path("traces")) {
            TraceSummary summary = summary(trace);
            if (window.contains(summary.startUnixNano())) {
                summaries.add(summary);
            }
        }
        return summaries;
    }

    /** Of two answers for one trace (wider windows may see more of its spans), the one that knows more. */
    private static TraceSummary longer(TraceSummary first, TraceSummary second) {
        return second.durationNanos() > first.durationNanos() || second.spanCount() > first.spanCount() ? second : first;
    }

    @Override
    public Optional<Trace> trace(TraceId traceId) {
        String id = traceId.hex();
        String what = "trace " + id;
        HttpUrl url = http.url(Backend.TEMPO, "api/traces", Map.of(), id);
        Optional<JsonNode> answer = http.getJson(Backend.TEMPO, url, what, Map.of());
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        List<Span> spans = spans(answer.get(), what);
        return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(id, spans));
    }

    @Override
    public List<String> tagNames(TimeRange range) {
        JsonNode answer = http.getJson(Backend.TEMPO, http.url(Backend.TEMPO, "api/search/tags", seconds(range)),
                "tag names");
        Set<String> names = new TreeSet<>();
        answer.path("tagNames").forEach(name -> names.add(name.asText()));
        return List.copyOf(names);
    }

    @Override
    public List<String> tagValues(String name, TimeRange range) {
        String tag = TraceQl.attribute(name);
        HttpUrl url = http.url(Backend.TEMPO, "api/v2/search/tag", seconds(range), tag, "values");
        JsonNode answer = http.getJson(Backend.TEMPO, url, "values of tag " + tag);
        Set<String> values = new TreeSet<>();
        answer.path("tagValues").forEach(value -> values.add(value.isObject() ? value.path("value").asText()
                : value.asText()));
        return List.copyOf(values);
    }

    /** Tempo's start and end parameters (whole seconds, covering the range), unless the range is unbounded. */
    static Map<String, String> seconds(TimeRange range) {
        if (range.fromUnixNano() <= 0 && range.toUnixNano() == Long.MAX_VALUE) {
            return Map.of();
        }
        long start = Math.floorDiv(range.fromUnixNano(), 1_000_000_000L);
        long end = range.toUnixNano() == Long.MAX_VALUE ? Long.MAX_VALUE / 1_000_000_000L
                : Math.floorDiv(range.toUnixNano() + 999_999_999L, 1_000_000_000L);
        Map<String, String> seconds = new LinkedHashMap<>();
        seconds.put("start", Long.toString(Math.max(0, start)));
        seconds.put("end", Long.toString(Math.max(end, start + 1)));
        return seconds;
    }

    static TraceSummary summary(JsonNode trace) {
        String id = TraceId.withLeadingZeros(trace.path("traceID").asText()).hex();
        String rootService = trace.path("rootServiceName").asText("");
        long start = Long.parseLong(trace.path("startTimeUnixNano").asText("0"));
        long duration = Math.max(trace.path("durationMs").asLong(0) * 1_000_000L, matchedExtent(trace, start));
        int spans = 0;
        int errors = 0;
        Set<String> services = new LinkedHashSet<>();
        JsonNode stats = trace.path("serviceStats");
        for (Map.Entry<String, JsonNode> service : stats.properties()) {
            services.add(service.getKey());
            spans += service.getValue().path("spanCount").asInt(0);
            errors += service.getValue().path("errorCount").asInt(0);
        }
        if (services.isEmpty()) {
            services.add(rootService);
            spans = matchedSpans(trace);
        }
        return new TraceSummary(id, rootService, trace.path("rootTraceName").asText(""), start, duration, spans,
                errors, services);
    }

    /**
     * How long after the trace's start its latest matched span ends, in nanoseconds: exact where
     * {@code durationMs} is whole milliseconds, or missing altogether under 1 ms (a zero is
     * left out of Tempo's JSON).
     */
    private static long matchedExtent(JsonNode trace, long traceStart) {
        long extent = 0;
        List<JsonNode> spans = new ArrayList<>();
        trace.path("spanSets").forEach(spanSet -> spanSet.path("spans").forEach(spans::add));
        trace.path("spanSet").path("spans").forEach(spans::add);
        for (JsonNode span : spans) {
            long spanStart = Long.parseLong(span.path("startTimeUnixNano").asText("0"));
            long spanDuration = Long.parseLong(span.path("durationNanos").asText("0"));
            if (spanStart > 0 && spanStart >= traceStart) {
                extent = Math.max(extent, spanStart - traceStart + spanDuration);
            }
        }
        return extent;
    }

    private static int matchedSpans(JsonNode trace) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode spanSet : trace.path("spanSets")) {
            spanSet.path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        }
        trace.path("spanSet").path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        return ids.size();
    }

    /** Tempo's trace body: OTLP in protobuf's JSON mapping (base64 ids), under {@code batches} (v1) or {@code resourceSpans}. */
    private List<Span> spans(JsonNode body, String what) {
        return http.otlpSpans(Backend.TEMPO, body.has("batches") ? body.get("batches") : body.path("resourceSpans"), what);
    }
}
