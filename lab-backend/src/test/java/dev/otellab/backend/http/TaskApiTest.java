package dev.otellab.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskApiTest {

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
  void statsCountTheTasksByStateInOneSpan() {
    long first = Json.parse(app.postJson("/api/tasks", "{\"title\":\"one\"}").body()).get("id").asLong();
    app.postJson("/api/tasks", "{\"title\":\"two\"}");
    app.putJson("/api/tasks/" + first, "{\"completed\":true}");
    telemetry.reset();

    JsonNode stats = Json.parse(app.get("/api/stats").body());

    assertThat(stats.get("total").asLong()).isEqualTo(2);
    assertThat(stats.get("completed").asLong()).isEqualTo(1);
    assertThat(stats.get("open").asLong()).isEqualTo(1);
    assertThat(app.get("/api/stats?x=1").statusCode()).isEqualTo(400);
    assertThat(telemetry.spans()).extracting(span -> span.getName()).contains("GET /api/stats", "task_stats");
  }

  @Test
  void createsATaskWith201AndLocation() {
    HttpResponse<String> response =
        app.postJson("/api/tasks", "{\"title\":\"Write tests\",\"description\":\"all of them\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode task = Json.parse(response.body());
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/api/tasks/" + task.get("id").asLong());
    assertThat(task.get("title").asText()).isEqualTo("Write tests");
    assertThat(task.get("description").asText()).isEqualTo("all of them");
    assertThat(task.get("completed").asBoolean()).isFalse();
    assertThat(task.get("createdAt").asText()).endsWith("Z");
    assertThat(Instant.parse(task.get("createdAt").asText())).isEqualTo(Instant.parse(task.get("updatedAt").asText()));
    assertThat(app.taskRows()).isEqualTo(1);
  }

  @Test
  void descriptionIsOptional() {
    JsonNode task = Json.parse(app.postJson("/api/tasks", "{\"title\":\"Only a title\"}").body());

    assertThat(task.get("description").isNull()).isTrue();
  }

  @Test
  void readsATaskById() {
    long id = create("Read me");

    HttpResponse<String> response = app.get("/api/tasks/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(Json.parse(response.body()).get("title").asText()).isEqualTo("Read me");
  }

  @Test
  void updatesAllFields() {
    long id = create("Before");

    HttpResponse<String> response =
        app.putJson("/api/tasks/" + id, "{\"title\":\"After\",\"description\":\"d\",\"completed\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = Json.parse(app.get("/api/tasks/" + id).body());
    assertThat(task.get("title").asText()).isEqualTo("After");
    assertThat(task.get("description").asText()).isEqualTo("d");
    assertThat(task.get("completed").asBoolean()).isTrue();
    assertThat(Instant.parse(task.get("updatedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(task.get("createdAt").asText()));
  }

  @Test
  void partialUpdateKeepsOmittedFields() {
    long id =
        Json.parse(app.postJson("/api/tasks", "{\"title\":\"Keep\",\"description\":\"me\"}").body())
            .get("id")
            .asLong();

    app.putJson("/api/tasks/" + id, "{\"completed\":true}");

    JsonNode task = Json.parse(app.get("/api/tasks/" + id).body());
    assertThat(task.get("title").asText()).isEqualTo("Keep");
    assertThat(task.get("description").asText()).isEqualTo("me");
    assertThat(task.get("completed").asBoolean()).isTrue();
  }

  @Test
  void nullDescriptionClearsIt() {
    long id =
        Json.parse(app.postJson("/api/tasks", "{\"title\":\"t\",\"description\":\"gone soon\"}").body())
            .get("id")
            .asLong();

    app.putJson("/api/tasks/" + id, "{\"description\":null}");

    assertThat(Json.parse(app.get("/api/tasks/" + id).body()).get("description").isNull()).isTrue();
  }

  @Test
  void deletesATask() {
    long id = create("Delete me");

    HttpResponse<String> response = app.delete("/api/tasks/" + id);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(app.get("/api/tasks/" + id).statusCode()).isEqualTo(404);
    assertThat(app.taskRows()).isZero();
  }

  @Test
  void listsInIdOrderWithDefaultLimit() {
    IntStream.rangeClosed(1, 105).forEach(i -> create("task " + i));

    JsonNode list = Json.parse(app.get("/api/tasks").body());

    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(100);
    assertThat(list.get(0).get("title").asText()).isEqualTo("task 1");
    assertThat(list.get(99).get("title").asText()).isEqualTo("task 100");
  }

  @Test
  void pagesWithLimitAndOffset() {
    IntStream.rangeClosed(1, 10).forEach(i -> create("task " + i));

    JsonNode page = Json.parse(app.get("/api/tasks?limit=3&offset=4").body());

    assertThat(titles(page)).containsExactly("task 5", "task 6", "task 7");
    assertThat(Json.parse(app.get("/api/tasks?offset=10").body())).isEmpty();
  }

  @Test
  void filtersByCompleted() {
    long done = create("done");
    create("open");
    app.putJson("/api/tasks/" + done, "{\"completed\":true}");

    assertThat(titles(Json.parse(app.get("/api/tasks?completed=true").body()))).containsExactly("done");
    assertThat(titles(Json.parse(app.get("/api/tasks?completed=false").body()))).containsExactly("open");
    assertThat(titles(Json.parse(app.get("/api/tasks?completed=false&limit=1000").body()))).containsExactly("open");
  }

  @Test
  void concurrentCreatesAreAllStored() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String body = "{\"title\":\"parallel " + i + "\"}";
        statuses.add(CompletableFuture.supplyAsync(() -> app.postJson("/api/tasks", body).statusCode(), clients));
      }
      for (CompletableFuture<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(201);
      }
    } finally {
      clients.shutdown();
    }
    assertThat(app.taskRows()).isEqualTo(40);
  }

  @Test
  void simulateSlowAcceptsDecimalSeconds() {
    HttpResponse<String> response = app.get("/api/simulate-slow?delay=0.05");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.parse(response.body()).get("delay_seconds").asDouble()).isEqualTo(0.05);
  }

  @Test
  void workEndpointDoesTheRequestedWork() {
    HttpResponse<String> response = app.get("/api/work?ms=20");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.parse(response.body()).get("ms").asLong()).isEqualTo(20);
  }

  @Test
  void overdueReportFailsWith500Json() {
    HttpResponse<String> response = app.get("/api/reports/overdue");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(Json.parse(response.body()).get("error").asText()).contains("overdue report failed");
  }

  @Test
  void healthChecksTheDatabase() {
    HttpResponse<String> response = app.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.parse(response.body()).get("status").asText()).isEqualTo("ok");
    assertThat(Json.parse(response.body()).get("db").asText()).isEqualTo("ok");
  }

  private long create(String title) {
    HttpResponse<String> response = app.postJson("/api/tasks", "{\"title\":" + Json.quote(title) + "}");
    assertThat(response.statusCode()).isEqualTo(201);
    return Json.parse(response.body()).get("id").asLong();
  }

  private static List<String> titles(JsonNode list) {
    List<String> titles = new ArrayList<>();
    list.forEach(task -> titles.add(task.get("title").asText()));
    return titles;
  }
}
