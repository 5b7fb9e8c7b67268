package dev.otellab.web;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * lab-web's HTTP client to lab-backend (the JDK's): one CLIENT span per call with the HTTP
 * semantic conventions, the current context injected by the SDK's propagators (W3C traceparent
 * and tracestate, baggage), a connect timeout and an answer timeout. Every failure becomes a
 * {@link BackendFailureException}: 502 when lab-backend cannot be reached, 504 when it is too slow.
 */
final class BackendClient implements AutoCloseable {

  private final URI baseUrl;
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient client;
  private final Instrumenter<BackendRequest, BackendResponse> instrumenter;

  BackendClient(URI baseUrl, Duration connectTimeout, Duration timeout, OpenTelemetry openTelemetry) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "lab-web-backend-client-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    BackendHttpAttributesGetter getter = new BackendHttpAttributesGetter();
    this.instrumenter =
        Instrumenter.<BackendRequest, BackendResponse>builder(
                openTelemetry,
                "dev.otellab.web.backend-client",
                request -> request.method() + " " + request.routeTemplate())
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpClientAttributesExtractor.create(getter))
            .buildClientInstrumenter((request, key, value) -> request.headers().put(key, value));
  }

  URI baseUrl() {
    return baseUrl;
  }

  /** Calls lab-backend and waits for its answer (at most the timeout, plus the connect timeout). */
  BackendResponse call(String method, String pathAndQuery, String routeTemplate, String contentType, byte[] body)
      throws InterruptedException {
    try {
      return callAsync(method, pathAndQuery, routeTemplate, contentType, body).get();
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  /**
   * Starts a call under the current context (its CLIENT span starts now, as a child of the
   * current span); the future fails with a {@link BackendFailureException}.
   */
  CompletableFuture<BackendResponse> callAsync(
      String method, String pathAndQuery, String routeTemplate, String contentType, byte[] body) {
    BackendRequest request =
        BackendRequest.of(method, baseUrl.resolve(pathAndQuery), routeTemplate, contentType, body);
    Context parent = Context.current();
    boolean traced = instrumenter.shouldStart(parent, request);
    Context context = traced ? instrumenter.start(parent, request) : parent;
    return client
        .sendAsync(toHttpRequest(request), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, error) -> {
              if (error == null) {
                BackendResponse answer = toBackendResponse(response);
                if (traced) {
                  instrumenter.end(context, request, answer, null);
                }
                return answer;
              }
              Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
              if (traced) {
                instrumenter.end(context, request, null, cause);
              }
              throw failure(request, cause);
            });
  }

  private HttpRequest toHttpRequest(BackendRequest request) {
    HttpRequest.BodyPublisher publisher =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.url()).timeout(timeout).method(request.method(), publisher);
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    builder.header("Accept", "application/json");
    request.headers().forEach(builder::header);
    return builder.build();
  }

  private static BackendResponse toBackendResponse(HttpResponse<byte[]> response) {
    HttpHeaders headers = response.headers();
    Optional<String> contentType = headers.firstValue("Content-Type");
    Optional<String> location = headers.firstValue("Location");
    return new BackendResponse(response.statusCode(), contentType, location, response.body());
  }

  private BackendFailureException failure(BackendRequest request, Throwable cause) {
    String target = "lab-backend at " + baseUrl;
    if (cause instanceof HttpConnectTimeoutException) {
      return new BackendFailureException(
          BackendFailureException.BAD_GATEWAY, target + " did not accept a connection in time", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new BackendFailureException(
          BackendFailureException.GATEWAY_TIMEOUT,
          target + " did not answer " + request.method() + " " + request.url().getPath()
              + " within " + timeout.toMillis() / 1000.0 + " s",
          cause);
    }
    if (cause instanceof ConnectException) {
      return new BackendFailureException(
          BackendFailureException.BAD_GATEWAY, target + " is not reachable (connection refused)", cause);
    }
    if (cause instanceof IOException) {
      return new BackendFailureException(
          BackendFailureException.BAD_GATEWAY,
          target + " failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
          cause);
    }
    return new BackendFailureException(
        BackendFailureException.BAD_GATEWAY, target + " could not be called: " + cause, cause);
  }

  /** The failure a future ended with, as the exception the error mapping answers. */
  static RuntimeException unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
