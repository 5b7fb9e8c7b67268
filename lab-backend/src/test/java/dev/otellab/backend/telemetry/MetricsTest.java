package dev.otellab.backend.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics is the one metrics source: exact counts, bounded labels, exemplars with trace ids. */
class MetricsTest {

  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String GET_TASKS_200 =
      "http_requests_total{method=\"GET\",route=\"/api/tasks\",status_code=\"200\"}";

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
  void requestCounterMovesByExactlyOnePerRequest() {
    app.get("/api/tasks");
    awaitValue(GET_TASKS_200, 1);

    app.get("/api/tasks");
    awaitValue(GET_TASKS_200, 2);
    awaitValue("http_request_duration_seconds_count{method=\"GET\",route=\"/api/tasks\"}", 2);
  }

  @Test
  void serverErrorsAreCountedAsErrorsButClientErrorsAreNot() {
    app.get("/api/reports/overdue");
    app.get("/api/tasks/999");
    awaitValue("http_requests_total{method=\"GET\",route=\"/api/tasks/{id}\",status_code=\"404\"}", 1);

    awaitValue("http_errors_total{method=\"GET\",route=\"/api/reports/overdue\",status_code=\"500\"}", 1);
    assertThat(scrape(null).body()).doesNotContain("http_errors_total{method=\"GET\",route=\"/api/tasks/{id}\"");
  }

  @Test
  void taskCountersFollowTheBusiness() {
    long id = Json.parse(app.postJson("/api/tasks", "{\"title\":\"count me\"}").body()).get("id").asLong();
    app.postJson("/api/tasks", "{\"title\":\"and me\"}");
    app.putJson("/api/tasks/" + id, "{\"completed\":true}");
    app.putJson("/api/tasks/" + id, "{\"completed\":true}");

    assertThat(valueOf(scrape(null).body(), "tasks_created_total")).isEqualTo(2);
    assertThat(valueOf(scrape(null).body(), "tasks_completed_total")).isEqualTo(1);
  }

  @Test
  void routeLabelsAreTemplatesNeverRawIds() {
    app.get("/api/tasks/12345");
    app.get("/some/random/path/67890");
    awaitValue("http_requests_total{method=\"GET\",route=\"unmatched\",status_code=\"404\"}", 1);

    String text = scrape(null).body();
    assertThat(text).contains("route=\"/api/tasks/{id}\"").doesNotContain("12345").doesNotContain("67890");
  }

  @Test
  void durationHistogramCarriesTraceIdExemplarsInOpenMetrics() {
    app.get("/api/tasks");
    SpanData server =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> telemetry.spans().stream().filter(s -> s.getName().equals("GET /api/tasks")).findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    awaitValue(GET_TASKS_200, 1);

    HttpResponse<String> openMetrics = scrape(OPENMETRICS);

    assertThat(openMetrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
    Matcher exemplar =
        Pattern.compile(
                "http_request_duration_seconds_bucket\\{method=\"GET\",route=\"/api/tasks\",le=\"[^\"]+\"} 1 # \\{span_id=\"([0-9a-f]{16})\",trace_id=\"([0-9a-f]{32})\"}")
            .matcher(openMetrics.body());
    assertThat(exemplar.find()).as(openMetrics.body()).isTrue();
    assertThat(exemplar.group(2)).isEqualTo(server.getTraceId());
    assertThat(exemplar.group(1)).isEqualTo(server.getSpanId());
    assertThat(openMetrics.body()).endsWith("# EOF\n");
  }

  @Test
  void exposesJvmMetricsInPrometheusTextByDefault() {
    HttpResponse<String> text = scrape(null);

    assertThat(text.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(text.body()).contains("jvm_memory_used_bytes").contains("jvm_threads_current");
  }

  private HttpResponse<String> scrape(String accept) {
    return accept == null ? app.get("/metrics") : app.get("/metrics", Map.of("Accept", accept));
  }

  private void awaitValue(String series, double expected) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> valueOf(scrape(null).body(), series), value -> value == expected);
  }

  private static double valueOf(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]);
      }
    }
    return 0;
  }
}
