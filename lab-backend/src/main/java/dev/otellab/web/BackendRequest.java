package dev.otellab.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call lab-web makes to lab-backend. {@code headers} is filled by the propagator
 * (traceparent, tracestate, baggage) before the call leaves.
 *
 * @param routeTemplate lab-backend's route, e.g. /api/tasks/{id}, for the CLIENT span's name
 */
record BackendRequest(
    String method, URI url, String routeTemplate, String contentType, byte[] body, Map<String, String> headers) {

  static BackendRequest of(String method, URI url, String routeTemplate, String contentType, byte[] body) {
    return new BackendRequest(method, url, routeTemplate, contentType, body, new LinkedHashMap<>());
  }
}
