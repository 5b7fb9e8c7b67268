package dev.otellab.telemetry.lgtm;

import java.time.Duration;

/**
 * The lab's SLI PromQL (the seeds' availability, rate, error ratio and histogram_quantile
 * queries) over lab-backend's metrics: {@code http_requests_total} and {@code http_errors_total}
 * (5xx only) counters and the {@code http_request_duration_seconds} histogram, labelled by
 * method, route and status code. A service is the scrape job ({@code job} label) Prometheus
 * gives its target. Each query returns the per-route series and, with {@code or}, the
 * service's overall series (the one without a route label).
 */
public final class SliPromQl {
    public static final String REQUESTS = "http_requests_total";
    public static final String ERRORS = "http_errors_total";
    public static final String DURATION_BUCKETS = "http_request_duration_seconds_bucket";
    public static final String SERVICE_LABEL = "job";
    public static final String ROUTE_LABEL = "route";

    private SliPromQl() {
    }

    /** Requests (or 5xx errors) in the window ending at each evaluation, per route and overall. */
    public static String increase(String counter, String service, Duration window) {
        String increase = "increase(" + counter + selector(service) + "[" + range(window) + "])";
        return "sum by (" + ROUTE_LABEL + ") (" + increase + ") or sum(" + increase + ")";
    }

    /** The q-quantile of request durations in seconds, per route and overall. */
    public static String quantile(double q, String service, Duration window) {
        String rate = "rate(" + DURATION_BUCKETS + selector(service) + "[" + range(window) + "])";
        return "histogram_quantile(" + q + ", sum by (le, " + ROUTE_LABEL + ") (" + rate + "))"
                + " or histogram_quantile(" + q + ", sum by (le) (" + rate + "))";
    }

    public static String selector(String service) {
        return "{" + SERVICE_LABEL + "=" + TraceQl.quoted(service) + "}";
    }

    /** A PromQL range in whole milliseconds (never zero). */
    public static String range(Duration window) {
        return Math.max(1, window.toMillis()) + "ms";
    }
}
