package dev.otellab.telemetry.zipkin;

import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of Zipkin's {@code /api/v2/traces} for a search: serviceName, spanName,
 * annotationQuery ({@code error and k=v}; "error" only without a service, because Zipkin matches the
 * terms on the service's own spans while "errors only" means an error anywhere in the trace), minDuration and maxDuration in microseconds, endTs
 * and lookback in milliseconds, limit.
 */
final class ZipkinQuery {
    private ZipkinQuery() {
    }

    static Map<String, String> of(TraceSearchCriteria criteria, TimeRange range, int limit, long nowMillis) {
        Map<String, String> query = new LinkedHashMap<>();
        if (!criteria.service().isEmpty()) {
            query.put("serviceName", criteria.service());
        }
        if (!criteria.spanName().isEmpty()) {
            query.put("spanName", criteria.spanName());
        }
        List<String> terms = new ArrayList<>();
        // Zipkin matches the terms on spans of serviceName; an error may be in any service's span
        if (criteria.errorsOnly() && criteria.service().isEmpty()) {
            terms.add(ZipkinSpans.ERROR_TAG);
        }
        criteria.attributes().forEach((key, value) -> terms.add(key + "=" + value));
        if (!terms.isEmpty()) {
            query.put("annotationQuery", String.join(" and ", terms));
        }
        if (criteria.minDuration() != null) {
            query.put("minDuration", Long.toString(criteria.minDuration().toNanos() / 1_000L));
        }
        long end = range.toUnixNano() == Long.MAX_VALUE ? nowMillis : Math.floorDiv(range.toUnixNano() + 999_999L, 1_000_000L);
        long start = Math.max(0, Math.floorDiv(range.fromUnixNano(), 1_000_000L));
        query.put("endTs", Long.toString(end));
        query.put("lookback", Long.toString(Math.max(1, end - start)));
        query.put("limit", Integer.toString(limit));
        return query;
    }
}
