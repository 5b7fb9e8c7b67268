package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;

import java.util.Map;

/**
 * One request as the SLIs see it, taken from a SERVER span: when it started, how long it took,
 * which route it hit and whether it failed.
 *
 * <p>Route: the span's {@code http.route} attribute, else the span name. Error: an HTTP status
 * ({@code http.response.status_code}, or the older {@code http.status_code}) of 500 or more;
 * when the span carries no HTTP status, a span status of ERROR. A 4xx is the client's mistake
 * and does not spend the service's error budget.
 */
public record RequestSample(long startUnixNano, long durationNanos, String route, boolean error) {
    public static final String HTTP_ROUTE = "http.route";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String LEGACY_HTTP_STATUS_CODE = "http.status_code";

    public RequestSample {
        route = route == null ? "" : route;
    }

    /** The sample of a SERVER span; other kinds are not requests of the service. */
    public static RequestSample of(Span span) {
        if (span.kind() != SpanKind.SERVER) {
            throw new IllegalArgumentException("SLIs are measured on SERVER spans, not " + span.kind());
        }
        return new RequestSample(span.startUnixNano(), span.durationNanos(), routeOf(span),
                isError(httpStatusOf(span.attributes()), span.status()));
    }

    public static String routeOf(Span span) {
        Object route = span.attributes().get(HTTP_ROUTE);
        return route == null || route.toString().isBlank() ? span.name() : route.toString();
    }

    /** The HTTP response status of a span's attributes, or null when it has none. */
    public static Integer httpStatusOf(Map<String, Object> attributes) {
        Object value = attributes.get(HTTP_RESPONSE_STATUS_CODE);
        if (value == null) {
            value = attributes.get(LEGACY_HTTP_STATUS_CODE);
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static boolean isError(Integer httpStatus, StatusCode status) {
        return httpStatus != null ? httpStatus >= 500 : status == StatusCode.ERROR;
    }
}
