package dev.otellab.backend.telemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;

/** Lets the W3C propagator read traceparent/tracestate/baggage from incoming requests. */
final class ServletRequestHeaders implements TextMapGetter<HttpServletRequest> {

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }
}
