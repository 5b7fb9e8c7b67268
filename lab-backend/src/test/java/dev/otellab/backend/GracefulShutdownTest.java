package dev.otellab.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.support.ChildBackend;
import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.OtlpReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main in its own JVM: SIGTERM drains in-flight requests and flushes telemetry before exit. */
class GracefulShutdownTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  @Test
  void sigtermFinishesInFlightRequestsAndFlushesSpansAndLogs() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ChildBackend child =
            ChildBackend.launch(
                dir,
                Map.of(
                    "LAB_PORT", "0",
                    "LAB_DB", dir.resolve("tasks.db").toString(),
                    "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    // Batches would wait a minute: only the shutdown flush can deliver in time.
                    "OTEL_BSP_SCHEDULE_DELAY", "60000",
                    "OTEL_BLRP_SCHEDULE_DELAY", "60000"))) {
      int port = child.awaitListeningPort();
      HttpResponse<String> created =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"flushed\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      CompletableFuture<HttpResponse<String>> slow =
          CLIENT.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/simulate-slow?delay=1"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      child.awaitStdoutContaining("Simulating a slow operation");

      child.terminate();

      assertThat(slow.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(child.awaitExit()).isEqualTo(143);
      io.opentelemetry.proto.trace.v1.Span post =
          receiver.spans().stream().filter(s -> s.getName().equals("POST /api/tasks")).findFirst().orElseThrow();
      assertThat(receiver.spans()).anyMatch(s -> s.getName().equals("GET /api/simulate-slow"));
      assertThat(receiver.logRecords()).anyMatch(l -> l.getBody().getStringValue().equals("lab-backend stopped"));
      String traceId = HexFormat.of().formatHex(post.getTraceId().toByteArray());
      assertThat(receiver.logRecords())
          .anyMatch(
              l ->
                  l.getBody().getStringValue().equals("Task created")
                      && HexFormat.of().formatHex(l.getTraceId().toByteArray()).equals(traceId));
      JsonNode stdoutLine =
          child.stdout().stream()
              .filter(line -> line.contains("\"Task created\""))
              .map(Json::parse)
              .findFirst()
              .orElseThrow();
      assertThat(stdoutLine.get("trace_id").asText()).isEqualTo(traceId);
      assertThat(stdoutLine.get("span_id").asText()).hasSize(16);
      assertThat(child.stdout()).anyMatch(line -> line.contains("\"lab-backend stopped\""));
      assertThat(child.stdout()).allSatisfy(line -> assertThat(Json.parse(line).isObject()).isTrue());
    }
  }

  @Test
  void invalidSettingsExitWithCode2AndOneLine() throws Exception {
    try (ChildBackend child = ChildBackend.launch(dir, Map.of("LAB_DB", dir.resolve("t.db").toString()), "--port", "70000")) {
      assertThat(child.awaitExit()).isEqualTo(2);
      assertThat(child.stderr())
          .containsExactly("lab-backend: --port must be in 0..65535 (0 = any free port), was 70000");
    }
  }
}
