package dev.otellab.telemetry.jaeger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.client.WholeTraceSearch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import okhttp3.HttpUrl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traces from Jaeger v2's query API v3 (api_v3/query_service.proto, HTTP binding):
 * {@code /api/v3/traces/{id}}, {@code /api/v3/traces?query.*}, {@code /api/v3/services} and
 * {@code /api/v3/operations}. Traces come as OTLP JSON under {@code result}, read by the
 * same code as Tempo's ({@link dev.otellab.telemetry.otlp.OtlpJsonSpans}). Jaeger matches its criteria on single spans and
 * returns traces in no order: the trace-level criteria (duration bounds, errors only) are
 * checked on the whole traces, newest first ({@link WholeTraceSearch}, docs/decisions/0033).
 */
public final class JaegerTraceSource implements TraceSource, TraceTags {
    private final LgtmHttp http;

    public JaegerTraceSource(LgtmHttp http) {
        this.http = http;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        HttpUrl url = http.url(Backend.JAEGER, "api/v3/traces", parameters(criteria, range, limit));
        String what = "trace search " + url.encodedQuery();
        Optional<JsonNode> answer = http.getJson(Backend.JAEGER, url, what, Map.of());
        if (answer.isEmpty()) {
            return List.of(); // Jaeger answers 404 when no trace matches
        }
        Map<String, List<Span>> byTrace = new LinkedHashMap<>();
        for (Span span : http.otlpSpans(Backend.JAEGER, answer.get().path("result").path("resourceSpans"), what)) {
            byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        }
        List<Trace> found = new ArrayList<>();
        byTrace.forEach((id, spans) -> found.add(new Trace(id, spans)));
        return WholeTraceSearch.summaries(found, criteria, range, limit);
    }

    /** The {@code query.*} parameters of FindTraces; both time bounds are required by Jaeger. */
    static Map<String, String> parameters(TraceSearchCriteria criteria, TimeRange range, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        if (!criteria.service().isEmpty()) {
            query.put("query.service_name", criteria.service());
        }
        if (!criteria.spanName().isEmpty()) {
            query.put("query.operation_name", criteria.spanName());
        }
        if (!criteria.attributes().isEmpty()) {
            try {
                query.put("query.attributes", LgtmHttp.JSON.writeValueAsString(criteria.attributes()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A string map is always JSON", e);
            }
        }
        query.put("query.start_time_min", instant(range.fromUnixNano()).toString());
        query.put("query.start_time_max", range.toUnixNano() == Long.MAX_VALUE ? Instant.now().plusSeconds(1).toString()
                : instant(range.toUnixNano()).toString());
        if (criteria.minDuration() != null) {
            query.put("query.duration_min", goDuration(criteria.minDuration()));
        }
        query.put("query.search_depth", Integer.toString(limit));
        return query;
    }

    /** Go's time.Duration text, which the HTTP binding reads: whole nanoseconds are exact. */
    static String goDuration(Duration duration) {
        return duration.toNanos() + "ns";
    }

    private static Instant instant(long unixNano) {
        return Instant.ofEpochSecond(Math.floorDiv(Math.max(0, unixNano), 1_000_000_000L),
                Math.floorMod(Math.max(0, unixNano), 1_000_000_000L));
    }

    @Override
    public Optional<Trace> trace(TraceId traceId) {
        String id = traceId.hex();
        String what = "trace " + id;
        HttpUrl url = http.url(Backend.JAEGER, "api/v3/traces", Map.of(), id);
        Optional<JsonNode> answer = http.getJson(Backend.JAEGER, url, what, Map.of());
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        List<Span> spans = http.otlpSpans(Backend.JAEGER, answer.get().path("result").path("resourceSpans"), what);
        return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(id, spans));
    }

    /** Services with stored spans, sorted. */
    public List<String> services() {
        JsonNode answer = http.getJson(Backend.JAEGER, http.url(Backend.JAEGER, "api/v3/services", Map.of()), "services");
        Set<String> services = new TreeSet<>();
        answer.path("services").forEach(service -> services.add(service.asText()));
        return List.copyOf(services);
    }

    /** The operation (span) names of {@code service}, sorted. */
    public List<String> operations(String service) {
        HttpUrl url = http.url(Backend.JAEGER, "api/v3/operations", Map.of("service", service));
        JsonNode answer = http.getJson(Backend.JAEGER, url, "operations of " + service);
        if (!answer.path("operations").isArray()) {
            throw new TelemetryQueryException(http.failure(Backend.JAEGER, "operations of " + service,
                    "answered without an operations list").getMessage());
        }
        Set<String> names = new TreeSet<>();
        answer.path("operations").forEach(operation -> names.add(operation.path("name").asText()));
        return List.copyOf(names);
    }

    /** Jaeger lists services and operations, not attribute names. */
    @Override
    public List<String> tagNames(TimeRange range) {
        return WholeTraceSearch.tagNames();
    }

    @Override
    public List<String> tagValues(String name, TimeRange range) {
        return WholeTraceSearch.tagValues(name, this::services, this::operations);
    }
}
