package dev.otellab.backend.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK with in-memory exporters: span tree, semantic conventions, errors, logs. */
class TracingTest {

  @TempDir Path dir;
  private TestTelemetry telemetry;
  private RunningBackend app;

  @BeforeEach
  void start() {
    telemetry = new TestTelemetry();
    app = RunningBackend.start(dir.resolve("tasks.db"), telemetry.sdk());
  }

  @AfterEach
  void stop() {
    app.close();
    telemetry.close();
  }

  @Test
  void createIsAServerSpanWithBusinessAndJdbcChildren() {
    HttpResponse<String> response = app.postJson("/api/tasks", "{\"title\":\"Secret title\"}");
    long id = Json.parse(response.body()).get("id").asLong();

    SpanData server = awaitSpan("POST /api/tasks");
    List<SpanData> trace = spansOfTrace(server.getTraceId());
    SpanData business = only(trace, "create_task");
    List<SpanData> sql = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();

    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(business.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(business.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(business.getAttributes().get(AttributeKey.longKey("task.id"))).isEqualTo(id);
    assertThat(sql).isNotEmpty();
    for (SpanData statement : sql) {
      assertThat(statement.getParentSpanId()).isEqualTo(business.getSpanId());
      assertThat(dbSystem(statement)).isEqualTo("sqlite");
    }
    String insert =
        sql.stream().map(TracingTest::statementText).filter(t -> t.startsWith("INSERT")).findFirst().orElseThrow();
    assertThat(insert).contains("INSERT INTO tasks").doesNotContain("Secret title");
  }

  @Test
  void serverSpanFollowsHttpSemanticConventions() {
    app.get("/api/tasks?limit=5", Map.of("User-Agent", "lab-test/1.0"));

    SpanData server = awaitSpan("GET /api/tasks");
    Attributes attributes = server.getAttributes();

    assertThat(attributes.get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
    assertThat(attributes.get(AttributeKey.stringKey("http.route"))).isEqualTo("/api/tasks");
    assertThat(attributes.get(AttributeKey.stringKey("url.path"))).isEqualTo("/api/tasks");
    assertThat(attributes.get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
    assertThat(attributes.get(AttributeKey.stringKey("url.query"))).isEqualTo("limit=5");
    assertThat(attributes.get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
    assertThat(attributes.get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
    assertThat(attributes.get(AttributeKey.longKey("server.port"))).isEqualTo(app.port());
    assertThat(attributes.get(AttributeKey.stringKey("network.protocol.version"))).isEqualTo("1.1");
    assertThat(attributes.get(AttributeKey.stringKey("client.address"))).isEqualTo("127.0.0.1");
    assertThat(attributes.get(AttributeKey.stringKey("user_agent.original"))).isEqualTo("lab-test/1.0");
    assertThat(attributes.get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void spanNameUsesTheRouteTemplateNotTheId() {
    long id = Json.parse(app.postJson("/api/tasks", "{\"title\":\"t\"}").body()).get("id").asLong();
    app.get("/api/tasks/" + id);

    SpanData server = awaitSpan("GET /api/tasks/{id}");

    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/api/tasks/{id}");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/api/tasks/" + id);
  }

  @Test
  void simulatedErrorIsRecordedOnTheServerSpanAndInTheLog() {
    app.get("/api/reports/overdue");

    SpanData server = awaitSpan("GET /api/reports/overdue");
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("error.type"))).isNotBlank();
    EventData exception =
        server.getEvents().stream().filter(e -> e.getName().equals("exception")).findFirst().orElseThrow();
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .endsWith("SimulatedFailureException");
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .contains("overdue report failed");

    LogRecordData failed = awaitLog("Request failed", server.getTraceId());
    assertThat(failed.getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
    assertThat(failed.getSeverityText()).isEqualTo("ERROR");
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .endsWith("SimulatedFailureException");
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"))).isNotBlank();
  }

  @Test
  void clientErrorsLeaveTheServerSpanStatusUnset() {
    app.get("/api/tasks/424242");

    SpanData server = awaitSpan("GET /api/tasks/{id}");

    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void unmatchedPathsAreNamedByMethodOnly() {
    app.get("/no/such/path");

    SpanData server = awaitSpan("GET");

    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isNull();
    assertThat(server.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/no/such/path");
  }

  @Test
  void continuesAnIncomingW3cTrace() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentSpanId = "00f067aa0ba902b7";

    app.get("/api/tasks", Map.of("traceparent", "00-" + traceId + "-" + parentSpanId + "-01"));

    SpanData server = awaitSpan("GET /api/tasks");
    assertThat(server.getTraceId()).isEqualTo(traceId);
    assertThat(server.getParentSpanId()).isEqualTo(parentSpanId);
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
  }

  @Test
  void logRecordsCarryTheTraceOfTheirRequest() {
    long id = Json.parse(app.postJson("/api/tasks", "{\"title\":\"logged\"}").body()).get("id").asLong();

    SpanData server = awaitSpan("POST /api/tasks");
    SpanData business = only(spansOfTrace(server.getTraceId()), "create_task");
    LogRecordData incoming = awaitLog("Incoming request", server.getTraceId());
    LogRecordData created = awaitLog("Task created", server.getTraceId());
    LogRecordData completed = awaitLog("Request completed", server.getTraceId());

    assertThat(incoming.getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
    assertThat(created.getSpanContext().getSpanId()).isEqualTo(business.getSpanId());
    assertThat(created.getAttributes().get(AttributeKey.longKey("task.id"))).isEqualTo(id);
    assertThat(completed.getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
    assertThat(completed.getAttributes().get(AttributeKey.stringKey("method"))).isEqualTo("POST");
    assertThat(completed.getAttributes().get(AttributeKey.stringKey("route"))).isEqualTo("/api/tasks");
    assertThat(completed.getAttributes().get(AttributeKey.longKey("status"))).isEqualTo(201);
    assertThat(completed.getAttributes().get(AttributeKey.doubleKey("duration_ms"))).isNotNull();
  }

  @Test
  void metricsAndHealthAreNotTraced() {
    app.get("/metrics");
    app.get("/health");
    app.get("/api/tasks");

    awaitSpan("GET /api/tasks");

    assertThat(telemetry.spans())
        .noneMatch(s -> s.getName().contains("metrics") || s.getName().contains("health"))
        .noneMatch(s -> s.getKind() == SpanKind.SERVER && !s.getName().equals("GET /api/tasks"));
  }

  private SpanData awaitSpan(String name) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> telemetry.spans().stream().filter(s -> s.getName().equals(name)).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private LogRecordData awaitLog(String message, String traceId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                telemetry.logs().stream()
                    .filter(l -> l.getBodyValue() != null && l.getBodyValue().asString().equals(message))
                    .filter(l -> l.getSpanContext().getTraceId().equals(traceId))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private List<SpanData> spansOfTrace(String traceId) {
    return telemetry.spans().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).hasSize(1);
    return named.get(0);
  }

  // the stable database conventions (lab-backend opts in): db.system.name and db.query.text
  private static String dbSystem(SpanData span) {
    return span.getAttributes().get(AttributeKey.stringKey("db.system.name"));
  }

  private static String statementText(SpanData span) {
    return String.valueOf(span.getAttributes().get(AttributeKey.stringKey("db.query.text")));
  }
}
