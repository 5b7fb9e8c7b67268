package dev.otellab.backend.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every request in a SERVER span (semantic conventions from the OTel instrumentation API),
 * keeps it current while Javalin handles the request so JDBC spans and log records nest under it,
 * logs start and end, and records the HTTP metrics once.
 *
 * <p>/metrics and /health are left out: scrapes and probes would bury the lab's own traffic.
 */
public final class HttpServerTelemetryFilter implements Filter {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServerTelemetryFilter.class);
  private static final Set<String> UNOBSERVED_PATHS = Set.of("/metrics", "/health");

  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;
  private final HttpMetrics metrics;
  private final Predicate<String> observedPath;

  public HttpServerTelemetryFilter(OpenTelemetry openTelemetry, HttpMetrics metrics) {
    this(openTelemetry, metrics, path -> !UNOBSERVED_PATHS.contains(path));
  }

  /** Observes only the paths the predicate accepts (lab-web: its API, not the page's files). */
  public HttpServerTelemetryFilter(
      OpenTelemetry openTelemetry, HttpMetrics metrics, Predicate<String> observedPath) {
    this.instrumenter = buildInstrumenter(openTelemetry);
    this.metrics = metrics;
    this.observedPath = observedPath;
  }

  @SuppressWarnings("try") // the Scope is only held open
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (!observedPath.test(withoutTrailingSlash(request.getRequestURI()))) {
      chain.doFilter(req, res);
      return;
    }
    Context parent = Context.current();
    boolean traced = instrumenter.shouldStart(parent, request);
    Context context = traced ? instrumenter.start(parent, request) : parent;
    long startNanos = System.nanoTime();
    Throwable escaped = null;
    try (Scope ignored = context.makeCurrent()) {
      LOG.atInfo()
          .setMessage("Incoming request")
          .addKeyValue("method", request.getMethod())
          .addKeyValue("path", request.getRequestURI())
          .log();
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      escaped = e;
      throw e;
    } finally {
      try (Scope ignored = context.makeCurrent()) {
        finish(request, response, startNanos, escaped);
      } finally {
        if (traced) {
          Throwable failure = escaped != null ? escaped : RequestTelemetry.failureOf(request);
          instrumenter.end(context, request, response, failure);
        }
      }
    }
  }

  private void finish(
      HttpServletRequest request, HttpServletResponse response, long startNanos, Throwable escaped) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String route = RequestTelemetry.routeOf(request);
    String routeLabel = route != null ? route : HttpMetrics.UNMATCHED_ROUTE;
    int status = escaped != null && !response.isCommitted() ? 500 : response.getStatus();
    metrics.record(request.getMethod(), routeLabel, status, seconds);
    LOG.atInfo()
        .setMessage("Request completed")
        .addKeyValue("method", request.getMethod())
        .addKeyValue("route", routeLabel)
        .addKeyValue("path", request.getRequestURI())
        .addKeyValue("status", status)
        .addKeyValue("duration_ms", Math.round(seconds * 1e6) / 1e3)
        .log();
  }

  private static Instrumenter<HttpServletRequest, HttpServletResponse> buildInstrumenter(
      OpenTelemetry openTelemetry) {
    ServletHttpAttributesGetter getter = new ServletHttpAttributesGetter();
    return Instrumenter.<HttpServletRequest, HttpServletResponse>builder(
            openTelemetry, "dev.otellab.backend.http", HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
        .addContextCustomizer(HttpServerRoute.create(getter))
        .buildServerInstrumenter(new ServletRequestHeaders());
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
