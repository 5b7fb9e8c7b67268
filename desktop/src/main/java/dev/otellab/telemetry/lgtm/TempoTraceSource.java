package dev.otellab.telemetry.lgtm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.TelemetryIds;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>What a Tempo search result cannot say exactly (docs/decisions/0011): the trace duration is
 * whole milliseconds ({@code durationMs}); span and error counts come from {@code serviceStats}
 * (Tempo 2.5+), and without it only the spans of the matching spansets are counted and errors
 * are 0; a trace whose root span has not arrived has Tempo's placeholder root service name.
 * Tempo omits leading zeros of trace ids in search results: they are padded back.
 */
public final class TempoTraceSource implements TraceSource, TraceTags {
    private final LgtmHttp http;

    TempoTraceSource(LgtmHttp http) {
        this.http = http;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String traceQl = TraceQl.of(criteria);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", traceQl);
        query.put("limit", Integer.toString(limit));
        query.putAll(seconds(range));
        JsonNode answer = http.getJson(Backend.TEMPO, http.url(Backend.TEMPO, "api/search", query),
                "trace search " + traceQl);
        List<TraceSummary> summaries = new ArrayList<>();
        for (JsonNode trace : answer.path("traces")) {
            TraceSummary summary = summary(trace);
            if (range.contains(summary.startUnixNano())) {
                summaries.add(summary);
            }
        }
        summaries.sort(Comparator.comparingLong(TraceSummary::startUnixNano).reversed()
                .thenComparing(TraceSummary::traceId));
        return summaries.size() > limit ? List.copyOf(summaries.subList(0, limit)) : summaries;
    }

    @Override
    public Optional<Trace> trace(String traceId) {
        String id = TelemetryIds.normalizeTraceId(traceId);
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
        String id = padded(trace.path("traceID").asText());
        String rootService = trace.path("rootServiceName").asText("");
        long start = Long.parseLong(trace.path("startTimeUnixNano").asText("0"));
        long duration = trace.path("durationMs").asLong(0) * 1_000_000L;
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

    private static int matchedSpans(JsonNode trace) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode spanSet : trace.path("spanSets")) {
            spanSet.path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        }
        trace.path("spanSet").path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        return ids.size();
    }

    private static String padded(String hex) {
        String lower = hex.toLowerCase(java.util.Locale.ROOT);
        return lower.length() >= TelemetryIds.TRACE_ID_HEX_LENGTH ? lower
                : "0".repeat(TelemetryIds.TRACE_ID_HEX_LENGTH - lower.length()) + lower;
    }

    /**
     * The spans of Tempo's trace body: OTLP in protobuf's JSON mapping (base64 ids), under
     * {@code batches} (v1) or {@code resourceSpans}, decoded by the same decoder as the receiver's.
     */
    private List<Span> spans(JsonNode body, String what) {
        JsonNode batches = body.has("batches") ? body.get("batches") : body.path("resourceSpans");
        ObjectNode request = LgtmHttp.JSON.createObjectNode();
        request.set("resourceSpans", batches.isArray() ? batches : LgtmHttp.JSON.createArrayNode());
        try {
            return OtlpDecoder.traces(OtlpJsonParser.traces(request.toString().getBytes(StandardCharsets.UTF_8)))
                    .batch().spans();
        } catch (InvalidProtocolBufferException e) {
            throw new TelemetryQueryException(http.failure(Backend.TEMPO, what,
                    "sent a trace that is not OTLP JSON: " + e.getMessage()).getMessage(), e);
        }
    }
}
