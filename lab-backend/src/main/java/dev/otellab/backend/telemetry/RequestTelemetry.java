package dev.otellab.backend.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the routing layer tells the telemetry filter about a request, carried as request
 * attributes: the matched route template and the exception behind a 5xx.
 */
public final class RequestTelemetry {

  private static final String ROUTE = RequestTelemetry.class.getName() + ".route";
  private static final String FAILURE = RequestTelemetry.class.getName() + ".failure";

  private RequestTelemetry() {}

  /** Called once the router knows the template, e.g. {@code /api/tasks/{id}}; renames the span. */
  public static void recordRoute(HttpServletRequest request, String routeTemplate) {
    request.setAttribute(ROUTE, routeTemplate);
    HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, routeTemplate);
  }

  /** Called by the error mapping for a failure that became a 5xx, so the span records it. */
  public static void recordFailure(HttpServletRequest request, Throwable failure) {
    request.setAttribute(FAILURE, failure);
  }

  static String routeOf(HttpServletRequest request) {
    return (String) request.getAttribute(ROUTE);
  }

  static Throwable failureOf(HttpServletRequest request) {
    return (Throwable) request.getAttribute(FAILURE);
  }
}
