package dev.otellab.backend.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;

/**
 * RED metrics of the HTTP API. Labels are bounded: route is a template or "unmatched", method is
 * one of the standard methods or "_OTHER".
 *
 * <p>http_errors_total counts server errors (5xx) only: they are what the availability SLI
 * subtracts. Client errors (4xx) are visible in http_requests_total by status_code.
 */
public final class HttpMetrics {

  public static final String UNMATCHED_ROUTE = "unmatched";
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  private static final double[] DURATION_BUCKETS_SECONDS = {
    .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10
  };

  private final Counter requests;
  private final Counter errors;
  private final Histogram duration;

  HttpMetrics(PrometheusRegistry registry) {
    requests =
        Counter.builder()
            .name("http_requests_total")
            .help("HTTP requests served, by method, route template and status code")
            .labelNames("method", "route", "status_code")
            .register(registry);
    errors =
        Counter.builder()
            .name("http_errors_total")
            .help("HTTP requests answered with a server error (5xx)")
            .labelNames("method", "route", "status_code")
            .register(registry);
    duration =
        Histogram.builder()
            .name("http_request_duration_seconds")
            .help("Time from receiving a request to finishing its response")
            .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
            .labelNames("method", "route")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS_SECONDS)
            .withExemplars()
            .register(registry);
  }

  /** Must run while the request's SERVER span is current, so the histogram keeps it as exemplar. */
  void record(String method, String route, int statusCode, double seconds) {
    String boundedMethod = KNOWN_METHODS.contains(method) ? method : "_OTHER";
    String status = Integer.toString(statusCode);
    requests.labelValues(boundedMethod, route, status).inc();
    if (statusCode >= 500) {
      errors.labelValues(boundedMethod, route, status).inc();
    }
    duration.labelValues(boundedMethod, route).observe(seconds);
  }
}
