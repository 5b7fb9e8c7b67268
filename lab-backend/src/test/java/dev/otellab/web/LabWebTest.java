package dev.otellab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * lab-web in front of a real lab-backend, each with its own SDK: the trace crosses the two
 * services through traceparent, bad input stops at lab-web, and lab-backend's failures, absence
 * and slowness become 502/504 answers in time.
 */
class LabWebTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

  private Path dir;
  private TestTelemetry backendTelemetry;
  private TestTelemetry webTelemetry;
  private RunningBackend backend;
  private LabWebApp web;

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("lab-web");
    backendTelemetry = new TestTelemetry();
    webTelemetry = new TestTelemetry();
    backend = RunningBackend.start(dir.resolve("tasks.db"), backendTelemetry.sdk());
    web = startWeb(backend.uri(""), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    web.close();
    backend.close();
    webTelemetry.close();
    backendTelemetry.close();
  }

  private LabWebApp startWeb(URI backendUrl, Duration timeout) {
    return LabWebApp.start(
        new LabWebConfig("127.0.0.1", 0, backendUrl, timeout, Optional.of("http://127.0.0.1:4318")),
        webTelemetry.sdk());
  }

  @Test
  void aForwardedRequestIsOneTraceAcrossBothServices() {
    HttpResponse<String> created = send("POST", "/api/tasks", "{\"title\":\"through lab-web\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/tasks/" + Json.parse(created.body()).get("id").asLong());
    SpanData webServer = awaitSpan(webTelemetry, SpanKind.SERVER, "POST /api/tasks");
    SpanData webClient = awaitSpan(webTelemetry, SpanKind.CLIENT, "POST /api/tasks");
    SpanData backendServer = awaitSpan(backendTelemetry, SpanKind.SERVER, "POST /api/tasks");
    assertThat(webClient.getParentSpanId()).isEqualTo(webServer.getSpanId());
    assertThat(backendServer.getTraceId()).isEqualTo(webServer.getTraceId());
    assertThat(backendServer.getParentSpanId()).isEqualTo(webClient.getSpanId());
    assertThat(webClient.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(webClient.getAttributes().get(SERVER_PORT)).isEqualTo((long) backend.port());
    assertThat(webClient.getAttributes().get(STATUS_CODE)).isEqualTo(201L);
    assertThat(webServer.getAttributes().get(ROUTE)).isEqualTo("/api/tasks");
  }

  @Test
  void aTraceparentFromTheBrowserIsContinued() {
    String browserTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/tasks"))
            .header("traceparent", "00-" + browserTrace + "-00f067aa0ba902b7-01")
            .GET();
    assertThat(send(request).statusCode()).isEqualTo(200);

    SpanData webServer = awaitSpan(webTelemetry, SpanKind.SERVER, "GET /api/tasks");
    SpanData backendServer = awaitSpan(backendTelemetry, SpanKind.SERVER, "GET /api/tasks");
    assertThat(webServer.getTraceId()).isEqualTo(browserTrace);
    assertThat(webServer.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(backendServer.getTraceId()).isEqualTo(browserTrace);
  }

  @Test
  void theOverviewCallsLabBackendTwiceAtTheSameTime() {
    send("POST", "/api/tasks", "{\"title\":\"one\"}");
    webTelemetry.reset();

    HttpResponse<String> overview = send("GET", "/api/overview", null);

    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(Json.parse(overview.body()).at("/stats/total").asLong()).isEqualTo(1);
    assertThat(Json.parse(overview.body()).get("recentTasks")).hasSize(1);
    SpanData server = awaitSpan(webTelemetry, SpanKind.SERVER, "GET /api/overview");
    List<SpanData> calls =
        webTelemetry.spans().stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
    assertThat(calls).hasSize(2).allSatisfy(call -> assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId()));
    assertThat(calls).extracting(SpanData::getName).containsExactlyInAnyOrder("GET /api/tasks", "GET /api/stats");
    SpanData first = calls.get(0);
    SpanData second = calls.get(1);
    // concurrent: each call starts before the other one ends
    assertThat(first.getStartEpochNanos()).isLessThan(second.getEndEpochNanos());
    assertThat(second.getStartEpochNanos()).isLessThan(first.getEndEpochNanos());
  }

  @Test
  void badInputIsRefusedByLabWebWithLabBackendsAnswerAndNeverForwarded() {
    HttpResponse<String> blank = send("POST", "/api/tasks", "{\"title\":\"  \"}");
    HttpResponse<String> badId = send("GET", "/api/tasks/abc", null);
    HttpResponse<String> badDelay = send("GET", "/api/simulate-slow?delay=99", null);
    HttpResponse<String> unknownRoute = send("GET", "/api/nothing-here", null);

    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(Json.parse(blank.body()).get("error").asText()).isEqualTo("title must not be blank");
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(Json.parse(badId.body()).get("error").asText()).contains("task id must be a positive whole number");
    assertThat(badDelay.statusCode()).isEqualTo(400);
    assertThat(unknownRoute.statusCode()).isEqualTo(404);
    assertThat(webTelemetry.spans()).noneMatch(span -> span.getKind() == SpanKind.CLIENT);
    assertThat(backendTelemetry.spans()).isEmpty();
    assertThat(backend.taskRows()).isZero();
  }

  @Test
  void aLabBackendFailureBecomesA502WithItsMessage() {
    HttpResponse<String> answer = send("GET", "/api/reports/overdue", null);

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(Json.parse(answer.body()).get("error").asText())
        .isEqualTo("lab-backend answered 500: overdue report failed: the report renderer is down (a failure the lab injects on purpose)");
    SpanData webServer = awaitSpan(webTelemetry, SpanKind.SERVER, "GET /api/reports/overdue");
    assertThat(webServer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    SpanData webClient = awaitSpan(webTelemetry, SpanKind.CLIENT, "GET /api/reports/overdue");
    assertThat(webClient.getAttributes().get(STATUS_CODE)).isEqualTo(500L);
    assertThat(webClient.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void withLabBackendStoppedLabWebAnswers502AtOnce() {
    backend.close();

    long start = System.nanoTime();
    HttpResponse<String> answer = send("GET", "/api/tasks", null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(Json.parse(answer.body()).get("error").asText()).contains("is not reachable");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    SpanData webClient = awaitSpan(webTelemetry, SpanKind.CLIENT, "GET /api/tasks");
    assertThat(webClient.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException");
  }

  @Test
  void aLabBackendSlowerThanTheTimeoutGivesA504WithinTheTimeout() {
    web.close();
    web = startWeb(backend.uri(""), Duration.ofMillis(500));

    long start = System.nanoTime();
    HttpResponse<String> answer = send("GET", "/api/simulate-slow?delay=3", null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(answer.statusCode()).isEqualTo(504);
    assertThat(Json.parse(answer.body()).get("error").asText()).contains("did not answer GET /api/simulate-slow within 0.5 s");
    assertThat(took).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void servesThePageItsScriptsAndTheBrowserSettings() {
    HttpResponse<String> page = send("GET", "/", null);
    HttpResponse<String> tracer = send("GET", "/lab-otel.js", null);
    HttpResponse<String> settings = send("GET", "/browser-config.json", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">");
    assertThat(tracer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(Json.parse(settings.body()).get("serviceName").asText()).isEqualTo("lab-browser");
    assertThat(Json.parse(settings.body()).get("otlpTracesUrl").asText()).isEqualTo("http://127.0.0.1:4318/v1/traces");
    assertThat(webTelemetry.spans()).isEmpty();
    send("GET", "/api/tasks", null);
    assertThat(send("GET", "/metrics", null).body())
        .contains("http_requests_total{method=\"GET\",route=\"/api/tasks\",status_code=\"200\"} 1.0")
        .doesNotContain("tasks_created_total");
  }

  private SpanData awaitSpan(TestTelemetry telemetry, SpanKind kind, String name) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> telemetry.spans().stream().filter(span -> span.getKind() == kind && span.getName().equals(name)).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(web.baseUrl() + path))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
