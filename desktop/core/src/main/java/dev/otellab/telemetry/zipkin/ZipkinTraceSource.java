package dev.otellab.telemetry.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.client.WholeTraceSearch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import okhttp3.HttpUrl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traces from a Zipkin server's API v2: {@code /api/v2/traces} (search), {@code /api/v2/trace/{id}},
 * and {@code /api/v2/services} and {@code /api/v2/spans} for the search form. Zipkin answers a
 * search with whole traces, so a summary counts every span and error exactly. What Zipkin
 * cannot ask is checked on those traces ({@link WholeTraceSearch}, docs/decisions/0033): the
 * duration bounds and "errors only" apply to the trace; Zipkin's own {@code minDuration} applies
 * to a span, so it only narrows the search.
 */
public final class ZipkinTraceSource implements TraceSource, TraceTags {
    private final LgtmHttp http;
    private final Clock clock;

    public ZipkinTraceSource(LgtmHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Map<String, String> query = ZipkinQuery.of(criteria, range, limit, clock.millis());
        HttpUrl url = http.url(Backend.ZIPKIN, "api/v2/traces", query);
        JsonNode answer = http.getJson(Backend.ZIPKIN, url, "trace search " + url.encodedQuery());
        List<Trace> found = new ArrayList<>();
        for (JsonNode zipkinTrace : answer) {
            List<Span> spans = ZipkinSpans.trace(zipkinTrace);
            if (!spans.isEmpty()) {
                found.add(new Trace(spans.get(0).traceId(), spans));
            }
        }
        return WholeTraceSearch.summaries(found, criteria, range, limit);
    }

    @Override
    public Optional<Trace> trace(TraceId traceId) {
        String id = traceId.hex();
        HttpUrl url = http.url(Backend.ZIPKIN, "api/v2/trace", Map.of(), id);
        return http.getJson(Backend.ZIPKIN, url, "trace " + id, Map.of())
                .map(ZipkinSpans::trace)
                .filter(spans -> !spans.isEmpty())
                .map(spans -> new Trace(id, spans));
    }

    /** Services that reported spans (Zipkin's localEndpoint names), sorted. */
    public List<String> services() {
        JsonNode answer = http.getJson(Backend.ZIPKIN, http.url(Backend.ZIPKIN, "api/v2/services", Map.of()), "services");
        Set<String> services = new TreeSet<>();
        answer.forEach(service -> services.add(service.asText()));
        return List.copyOf(services);
    }

    /** The span names of {@code service}, sorted. */
    public List<String> spanNames(String service) {
        HttpUrl url = http.url(Backend.ZIPKIN, "api/v2/spans", Map.of("serviceName", service));
        JsonNode answer = http.getJson(Backend.ZIPKIN, url, "span names of " + service);
        Set<String> names = new TreeSet<>();
        answer.forEach(name -> names.add(name.asText()));
        return List.copyOf(names);
    }

    /** Zipkin keeps no tag index the search form could list; it knows services and span names. */
    @Override
    public List<String> tagNames(TimeRange range) {
        return WholeTraceSearch.tagNames();
    }

    @Override
    public List<String> tagValues(String name, TimeRange range) {
        return WholeTraceSearch.tagValues(name, this::services, this::spanNames);
    }
}
