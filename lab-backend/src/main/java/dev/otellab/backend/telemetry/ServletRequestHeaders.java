package dev.otellab.backend.telemetry;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Iterator;

/** Lets the W3C propagator read traceparent/tracestate/baggage from incoming requests. */
final class ServletRequestHeaders implements TextMapGetter<HttpServletRequest> {

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }

  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    return request == null
        ? Collections.emptyIterator()
        : Collections.list(request.getHeaders(key)).iterator();
  }
}
