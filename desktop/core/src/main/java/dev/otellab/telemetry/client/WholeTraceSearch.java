package dev.otellab.telemetry.client;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * For backends that answer a search with whole traces (Zipkin, Jaeger) but match their
 * criteria differently from the embedded store: the store's meaning checked on those traces
 * (started in the range; one span holds service, name and attributes; duration bounds and
 * "errors only" on the trace), newest first, at most the limit. Also the search form's
 * service and span names from backends that list them per service.
 */
public final class WholeTraceSearch {
    /** The attribute name under which the search form offers span (operation) names. */
    public static final String SPAN_NAME = "name";

    private WholeTraceSearch() {
    }

    public static List<TraceSummary> summaries(List<Trace> traces, TraceSearchCriteria criteria, TimeRange range, int limit) {
        List<TraceSummary> summaries = new ArrayList<>();
        for (Trace trace : traces) {
            if (range.contains(trace.startUnixNano()) && matches(trace, criteria)) {
                summaries.add(trace.summary());
            }
        }
        summaries.sort(Comparator.comparingLong(TraceSummary::startUnixNano).reversed()
                .thenComparing(TraceSummary::traceId));
        return summaries.size() > limit ? List.copyOf(summaries.subList(0, limit)) : summaries;
    }

    static boolean matches(Trace trace, TraceSearchCriteria criteria) {
        if (criteria.minDuration() != null && trace.durationNanos() < criteria.minDuration().toNanos()) {
            return false;
        }
        if (criteria.maxDuration() != null && trace.durationNanos() > criteria.maxDuration().toNanos()) {
            return false;
        }
        if (criteria.errorsOnly() && trace.errorCount() == 0) {
            return false;
        }
        return trace.spans().stream().anyMatch(span -> spanMatches(span, criteria));
    }

    /** Attributes are the span's or its resource's, as Jaeger and the store match them. */
    private static boolean spanMatches(Span span, TraceSearchCriteria criteria) {
        if (!criteria.service().isEmpty() && !criteria.service().equals(span.serviceName())) {
            return false;
        }
        if (!criteria.spanName().isEmpty() && !criteria.spanName().equals(span.name())) {
            return false;
        }
        for (Map.Entry<String, String> wanted : criteria.attributes().entrySet()) {
            Object value = span.attributes().containsKey(wanted.getKey()) ? span.attributes().get(wanted.getKey())
                    : span.resource().attributes().get(wanted.getKey());
            if (value == null || !Attributes.asText(value).equals(wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The search form's names: {@link #SPAN_NAME} and service.name. */
    public static List<String> tagNames() {
        return List.of(SPAN_NAME, Resource.SERVICE_NAME);
    }

    /** Services, or the span names of every service, or nothing for another name. */
    public static List<String> tagValues(String name, Supplier<List<String>> services,
                                         Function<String, List<String>> spanNamesOf) {
        if (name.equals(Resource.SERVICE_NAME)) {
            return services.get();
        }
        if (name.equals(SPAN_NAME)) {
            Set<String> names = new TreeSet<>();
            services.get().forEach(service -> names.addAll(spanNamesOf.apply(service)));
            return List.copyOf(names);
        }
        return List.of();
    }
}
