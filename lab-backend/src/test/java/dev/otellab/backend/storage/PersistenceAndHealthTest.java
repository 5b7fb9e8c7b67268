package dev.otellab.backend.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.LabBackend;
import dev.otellab.backend.config.LabConfig;
import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceAndHealthTest {

  @TempDir Path dir;
  private TestTelemetry telemetry;

  @BeforeEach
  void telemetry() {
    telemetry = new TestTelemetry();
  }

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void tasksSurviveARestartOnTheSameFile() {
    Path file = dir.resolve("nested/dirs/tasks.db");
    long id;
    try (RunningBackend first = RunningBackend.start(file, telemetry.sdk())) {
      id = Json.parse(first.postJson("/api/tasks", "{\"title\":\"persist me\"}").body()).get("id").asLong();
      first.putJson("/api/tasks/" + id, "{\"completed\":true}");
    }

    try (RunningBackend second = RunningBackend.start(file, telemetry.sdk())) {
      JsonNode task = Json.parse(second.get("/api/tasks/" + id).body());
      assertThat(task.get("title").asText()).isEqualTo("persist me");
      assertThat(task.get("completed").asBoolean()).isTrue();
      long next = Json.parse(second.postJson("/api/tasks", "{\"title\":\"next\"}").body()).get("id").asLong();
      assertThat(next).isGreaterThan(id);
    }
  }

  @Test
  void schemaIsVersionedAndFileIsInWalMode() throws Exception {
    Path file = dir.resolve("tasks.db");
    try (RunningBackend app = RunningBackend.start(file, telemetry.sdk())) {
      assertThat(app.get("/health").statusCode()).isEqualTo(200);
    }

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo(String.valueOf(SchemaMigrations.latestVersion()));
      assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void reopeningAnUpToDateFileKeepsTheVersion() throws Exception {
    Path file = dir.resolve("tasks.db");
    SqliteDatabase.open(file, OpenTelemetry.noop()).close();
    SqliteDatabase.open(file, OpenTelemetry.noop()).close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo("1");
    }
  }

  @Test
  void aFileFromANewerVersionIsRefused() throws Exception {
    Path file = dir.resolve("future.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> SqliteDatabase.open(file, OpenTelemetry.noop()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("schema version 99 is newer");
  }

  @Test
  void healthIs503WhenTheDatabaseFileIsGone() throws Exception {
    Path file = dir.resolve("tasks.db");
    try (RunningBackend app = RunningBackend.start(file, telemetry.sdk())) {
      Files.delete(file);

      HttpResponse<String> health = app.get("/health");

      assertThat(health.statusCode()).isEqualTo(503);
      JsonNode body = Json.parse(health.body());
      assertThat(body.get("status").asText()).isEqualTo("unavailable");
      assertThat(body.get("error").asText()).contains("missing").contains(file.getFileName().toString());
    }
  }

  @Test
  void healthIs503WhenTheDatabaseIsClosed() {
    try (RunningBackend app = RunningBackend.start(dir.resolve("tasks.db"), telemetry.sdk())) {
      app.backend().database().close();

      HttpResponse<String> health = app.get("/health");
      HttpResponse<String> list = app.get("/api/tasks");

      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(Json.parse(health.body()).get("error").asText()).isEqualTo("database is closed");
      assertThat(list.statusCode()).isEqualTo(500);
      assertThat(Json.parse(list.body()).get("error").asText()).contains("internal server error");
    }
  }

  @Test
  void anUnusableDatabasePathFailsStartUpWithAClearMessage() throws Exception {
    Path notADirectory = dir.resolve("plain-file");
    Files.writeString(notADirectory, "x");

    assertThatThrownBy(
            () -> LabBackend.start(new LabConfig("127.0.0.1", 0, notADirectory.resolve("tasks.db")), OpenTelemetry.noop()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("cannot create directory");
  }

  private static String single(Statement statement, String sql) throws Exception {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
