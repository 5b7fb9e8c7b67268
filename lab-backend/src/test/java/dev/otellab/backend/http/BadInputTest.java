package dev.otellab.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad request gets the right 4xx, a JSON message saying what was wrong, and no write. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final String JSON = "application/json";
  private Path dir;
  private TestTelemetry telemetry;
  private RunningBackend app;
  private long seededId;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("bad-input");
    telemetry = new TestTelemetry();
    app = RunningBackend.start(dir.resolve("tasks.db"), telemetry.sdk());
    HttpResponse<String> seeded = app.postJson("/api/tasks", "{\"title\":\"seed\",\"description\":\"unchanged\"}");
    seededId = Json.parse(seeded.body()).get("id").asLong();
  }

  @AfterAll
  void stop() {
    app.close();
    telemetry.close();
  }

  record Case(String name, String method, String path, String contentType, String body, int status, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> badRequests() {
    String item = "/api/tasks/1";
    return Stream.of(
        new Case("malformed JSON", "POST", "/api/tasks", JSON, "{\"title\":", 400, "malformed JSON"),
        new Case("trailing garbage", "POST", "/api/tasks", JSON, "{\"title\":\"a\"} x", 400, "malformed JSON"),
        new Case("duplicate field", "POST", "/api/tasks", JSON, "{\"title\":\"a\",\"title\":\"b\"}", 400, "malformed JSON"),
        new Case("array body", "POST", "/api/tasks", JSON, "[1,2]", 400, "must be a JSON object, was an array"),
        new Case("empty body", "POST", "/api/tasks", JSON, "", 400, "request body is empty"),
        new Case("title is a number", "POST", "/api/tasks", JSON, "{\"title\":5}", 400, "title must be a string, was a number"),
        new Case("title is null", "POST", "/api/tasks", JSON, "{\"title\":null}", 400, "title must be a string, was null"),
        new Case("missing title", "POST", "/api/tasks", JSON, "{\"description\":\"x\"}", 400, "title is required"),
        new Case("blank title", "POST", "/api/tasks", JSON, "{\"title\":\"   \"}", 400, "title must not be blank"),
        new Case("title too long", "POST", "/api/tasks", JSON, "{\"title\":\"" + "t".repeat(201) + "\"}", 400, "title must be at most 200 characters, was 201"),
        new Case("description too long", "POST", "/api/tasks", JSON, "{\"title\":\"a\",\"description\":\"" + "d".repeat(2001) + "\"}", 400, "description must be at most 2000 characters, was 2001"),
        new Case("description is an object", "POST", "/api/tasks", JSON, "{\"title\":\"a\",\"description\":{}}", 400, "description must be a string or null, was an object"),
        new Case("unknown field", "POST", "/api/tasks", JSON, "{\"title\":\"a\",\"owner\":\"me\"}", 400, "unknown field(s): owner"),
        new Case("text/plain on POST", "POST", "/api/tasks", "text/plain", "{\"title\":\"a\"}", 415, "Content-Type must be application/json, was 'text/plain'"),
        new Case("no content type on POST", "POST", "/api/tasks", null, "{\"title\":\"a\"}", 415, "Content-Type must be application/json, was missing"),
        new Case("query parameter on POST", "POST", "/api/tasks?x=1", JSON, "{\"title\":\"a\"}", 400, "unknown query parameter(s): x"),
        new Case("completed is a string", "PUT", item, JSON, "{\"completed\":\"yes\"}", 400, "completed must be true or false, was a string"),
        new Case("PUT title is a number", "PUT", item, JSON, "{\"title\":5}", 400, "title must be a string, was a number"),
        new Case("PUT blank title", "PUT", item, JSON, "{\"title\":\"\"}", 400, "title must not be blank"),
        new Case("PUT title too long", "PUT", item, JSON, "{\"title\":\"" + "t".repeat(201) + "\"}", 400, "title must be at most 200 characters"),
        new Case("PUT nothing", "PUT", item, JSON, "{}", 400, "nothing to update"),
        new Case("PUT unknown field", "PUT", item, JSON, "{\"id\":7}", 400, "unknown field(s): id"),
        new Case("PUT malformed", "PUT", item, JSON, "{\"completed\":tru}", 400, "malformed JSON"),
        new Case("PUT wrong content type", "PUT", item, "application/x-www-form-urlencoded", "completed=true", 415, "Content-Type must be application/json"),
        new Case("PUT unknown id", "PUT", "/api/tasks/999", JSON, "{\"completed\":true}", 404, "task 999 not found"),
        new Case("GET unknown id", "GET", "/api/tasks/999", null, null, 404, "task 999 not found"),
        new Case("DELETE unknown id", "DELETE", "/api/tasks/999", null, null, 404, "task 999 not found"),
        new Case("GET non-numeric id", "GET", "/api/tasks/abc", null, null, 400, "task id must be a positive whole number, was 'abc'"),
        new Case("PUT non-numeric id", "PUT", "/api/tasks/abc", JSON, "{\"completed\":true}", 400, "task id must be a positive whole number"),
        new Case("DELETE non-numeric id", "DELETE", "/api/tasks/1.5", null, null, 400, "task id must be a positive whole number, was '1.5'"),
        new Case("DELETE huge id", "DELETE", "/api/tasks/99999999999999999999", null, null, 400, "task id must be a positive whole number"),
        new Case("limit 0", "GET", "/api/tasks?limit=0", null, null, 400, "query parameter 'limit' must be a whole number in 1..1000, was '0'"),
        new Case("limit 1001", "GET", "/api/tasks?limit=1001", null, null, 400, "query parameter 'limit' must be a whole number in 1..1000, was '1001'"),
        new Case("limit not a number", "GET", "/api/tasks?limit=ten", null, null, 400, "query parameter 'limit' must be a whole number in 1..1000, was 'ten'"),
        new Case("negative offset", "GET", "/api/tasks?offset=-1", null, null, 400, "query parameter 'offset' must be a whole number in 0..2147483647, was '-1'"),
        new Case("completed yes", "GET", "/api/tasks?completed=yes", null, null, 400, "query parameter 'completed' must be true or false, was 'yes'"),
        new Case("unknown list parameter", "GET", "/api/tasks?sort=title", null, null, 400, "unknown query parameter(s): sort; allowed: completed, limit, offset"),
        new Case("repeated parameter", "GET", "/api/tasks?limit=1&limit=2", null, null, 400, "query parameter 'limit' given more than once"),
        new Case("delay too long", "GET", "/api/simulate-slow?delay=10.5", null, null, 400, "query parameter 'delay' must be a number of seconds in 0..10, was '10.5'"),
        new Case("negative delay", "GET", "/api/simulate-slow?delay=-1", null, null, 400, "query parameter 'delay' must be a number of seconds in 0..10"),
        new Case("delay not a number", "GET", "/api/simulate-slow?delay=soon", null, null, 400, "query parameter 'delay' must be a number of seconds in 0..10, was 'soon'"),
        new Case("work too long", "GET", "/api/work?ms=10001", null, null, 400, "query parameter 'ms' must be a whole number in 0..10000, was '10001'"),
        new Case("parameter on the overdue report", "GET", "/api/reports/overdue?now=1", null, null, 400, "unknown query parameter(s): now; this endpoint takes none"),
        new Case("unknown path", "GET", "/api/nothing-here", null, null, 404, "no route for GET /api/nothing-here"),
        new Case("wrong method on item", "PATCH", item, JSON, "{\"completed\":true}", 405, "method PATCH not allowed on /api/tasks/1"),
        new Case("wrong method on collection", "DELETE", "/api/tasks", null, null, 405, "method DELETE not allowed on /api/tasks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void isRejectedWithAClearMessageAndNoWrite(Case bad) {
    assertThat(seededId).isEqualTo(1);
    String before = app.tableFingerprint();

    HttpResponse<String> response = send(bad.method(), bad.path(), bad.contentType(), bad.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
    JsonNode error = Json.parse(response.body());
    assertThat(error.get("error").asText()).contains(bad.message());
    assertThat(app.tableFingerprint()).isEqualTo(before);
  }

  @Test
  void wrongMethodNamesTheAllowedOnes() {
    HttpResponse<String> item = send("PATCH", "/api/tasks/1", JSON, "{}");
    HttpResponse<String> collection = send("PUT", "/api/tasks", JSON, "{}");

    assertThat(item.headers().firstValue("Allow")).hasValue("GET, PUT, DELETE");
    assertThat(collection.headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @Test
  void bodyOverOneMebibyteIs413() {
    String before = app.tableFingerprint();
    String huge = "{\"title\":\"a\",\"description\":\"" + "x".repeat(1 << 20) + "\"}";

    HttpResponse<String> response = app.postJson("/api/tasks", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.parse(response.body()).get("error").asText()).contains("exceeds 1048576 bytes");
    assertThat(app.tableFingerprint()).isEqualTo(before);
  }

  @Test
  void bodyJustUnderTheLimitReachesValidation() {
    String justUnder = "{\"title\":\"a\",\"description\":\"" + "x".repeat((1 << 20) - 100) + "\"}";

    HttpResponse<String> response = app.postJson("/api/tasks", justUnder);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.parse(response.body()).get("error").asText()).contains("description must be at most 2000");
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.uri(path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return app.send(request);
  }
}
