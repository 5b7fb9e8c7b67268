package dev.otellab.backend.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way leaves nothing behind. SQLite triggers installed by the test make
 * the database itself refuse the second statement of a write, no mocks involved.
 */
class TransactionTest {

  @TempDir Path dir;
  private TestTelemetry telemetry;
  private RunningBackend app;
  private Path file;

  @BeforeEach
  void start() {
    telemetry = new TestTelemetry();
    file = dir.resolve("tasks.db");
    app = RunningBackend.start(file, telemetry.sdk());
  }

  @AfterEach
  void stop() {
    app.close();
    telemetry.close();
  }

  @Test
  void aRefusedUpdateIsRolledBackAnd500() throws Exception {
    long id = Json.parse(app.postJson("/api/tasks", "{\"title\":\"stable\"}").body()).get("id").asLong();
    installTrigger(
        "CREATE TRIGGER refuse_explode BEFORE UPDATE ON tasks WHEN NEW.title = 'explode'"
            + " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
    String before = app.tableFingerprint();

    HttpResponse<String> response = app.putJson("/api/tasks/" + id, "{\"title\":\"explode\",\"completed\":true}");

    assertThat(response.statusCode()).isEqualTo(500);
    // the cause stays in the log and on the span; the client gets no internal text
    assertThat(Json.parse(response.body()).get("error").asText())
        .startsWith("internal server error").doesNotContain("refused by test trigger");
    assertThat(app.tableFingerprint()).isEqualTo(before);
    SpanData update = awaitSpan("update_task");
    assertThat(update.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(update.getEvents()).anyMatch(event -> event.getName().equals("exception"));
  }

  @Test
  void aRefusedInsertLeavesNoRowAndTheServiceGoesOn() throws Exception {
    installTrigger(
        "CREATE TRIGGER refuse_after_insert AFTER INSERT ON tasks WHEN NEW.title = 'explode'"
            + " BEGIN SELECT RAISE(ABORT, 'refused after insert'); END");

    HttpResponse<String> response = app.postJson("/api/tasks", "{\"title\":\"explode\"}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(app.taskRows()).isZero();
    assertThat(app.postJson("/api/tasks", "{\"title\":\"fine\"}").statusCode()).isEqualTo(201);
    assertThat(app.taskRows()).isEqualTo(1);
  }

  private void installTrigger(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private SpanData awaitSpan(String name) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> telemetry.spans().stream().filter(s -> s.getName().equals(name)).findFirst(), Optional::isPresent)
        .orElseThrow();
  }
}
