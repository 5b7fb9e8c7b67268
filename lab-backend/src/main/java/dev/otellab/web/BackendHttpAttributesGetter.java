package dev.otellab.web;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import java.util.List;

/** What the HTTP client semantic conventions need from a call to lab-backend. */
final class BackendHttpAttributesGetter
    implements HttpClientAttributesGetter<BackendRequest, BackendResponse> {

  @Override
  public String getUrlFull(BackendRequest request) {
    return request.url().toString();
  }

  @Override
  public String getServerAddress(BackendRequest request) {
    return request.url().getHost();
  }

  @Override
  public Integer getServerPort(BackendRequest request) {
    int port = request.url().getPort();
    if (port >= 0) {
      return port;
    }
    return "https".equals(request.url().getScheme()) ? 443 : 80;
  }

  @Override
  public String getHttpRequestMethod(BackendRequest request) {
    return request.method();
  }

  @Override
  public List<String> getHttpRequestHeader(BackendRequest request, String name) {
    String value = request.headers().get(name);
    return value == null ? List.of() : List.of(value);
  }

  @Override
  public Integer getHttpResponseStatusCode(
      BackendRequest request, BackendResponse response, Throwable error) {
    return response.status();
  }

  @Override
  public List<String> getHttpResponseHeader(
      BackendRequest request, BackendResponse response, String name) {
    return name.equalsIgnoreCase("content-type") && response.contentType().isPresent()
        ? List.of(response.contentType().get())
        : List.of();
  }

  @Override
  public String getNetworkProtocolName(BackendRequest request, BackendResponse response) {
    return "http";
  }

  @Override
  public String getNetworkProtocolVersion(BackendRequest request, BackendResponse response) {
    return "1.1";
  }
}
