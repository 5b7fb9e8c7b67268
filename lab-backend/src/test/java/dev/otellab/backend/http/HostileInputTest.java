package dev.otellab.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.support.Json;
import dev.otellab.backend.support.RawHttp;
import dev.otellab.backend.support.RunningBackend;
import dev.otellab.backend.support.TestTelemetry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs an attacker or a broken client sends, over a raw socket: each gets a 4xx with the usual
 * {"error": ...} body naming the problem, never a 5xx, never the server's internals, and no write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  private static final String JSON_HEADERS = "Content-Type: application/json\r\n";
  private Path dir;
  private TestTelemetry telemetry;
  private RunningBackend app;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("hostile-input");
    telemetry = new TestTelemetry();
    app = RunningBackend.start(dir.resolve("tasks.db"), telemetry.sdk());
    app.postJson("/api/tasks", "{\"title\":\"seed\"}");
  }

  @AfterAll
  void stop() {
    app.close();
    telemetry.close();
  }

  record Hostile(String name, byte[] request, boolean halfClose, int status, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Hostile> hostileRequests() {
    return Stream.of(
        post("JSON nested 1,001 levels", "{\"title\":" + "[".repeat(1001) + "]".repeat(1001) + "}", 400,
            "nesting depth"),
        post("number of 1,001 digits", "{\"title\":\"a\",\"description\":" + "9".repeat(1001) + "}", 400,
            "Number value length"),
        post("lone surrogate escaped", "{\"title\":\"a\\ud800b\"}", 400, "title is not valid Unicode"),
        postBytes("lone surrogate as CESU-8 bytes", bytes("{\"title\":\"a", 0xED, 0xA0, 0x80, "\"}"), 400, ""),
        postBytes("invalid UTF-8 byte", bytes("{\"title\":\"a", 0xFF, "\"}"), 400, "malformed JSON"),
        post("title of no-break spaces", "{\"title\":\"\u00a0\u00a0\u3000\"}", 400, "title must not be blank"),
        post("title of zero-width spaces", "{\"title\":\"\u200b\u200d\ufeff\"}", 400, "title must not be blank"),
        new Hostile("body shorter than its Content-Length",
            RawHttp.request("POST", "/api/tasks", JSON_HEADERS + "Content-Length: 100\r\n",
                "{\"title\":\"a".getBytes(StandardCharsets.UTF_8)), true, 400, "could not be read completely"),
        new Hostile("broken chunked encoding",
            RawHttp.request("POST", "/api/tasks", JSON_HEADERS + "Transfer-Encoding: chunked\r\n",
                "zz\r\n{\"title\":\"a\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)), true, 400, ""),
        new Hostile("declared 50 MiB with a short body",
            RawHttp.request("POST", "/api/tasks", JSON_HEADERS + "Content-Length: " + (50 << 20) + "\r\n",
                "{\"title\":".getBytes(StandardCharsets.UTF_8)), false, 413, "exceeds 1048576 bytes"),
        new Hostile("gzip declared on a plain body",
            RawHttp.request("POST", "/api/tasks", JSON_HEADERS + "Content-Encoding: gzip\r\nContent-Length: 13\r\n",
                "{\"title\":\"a\"}".getBytes(StandardCharsets.UTF_8)), false, 415, "Content-Encoding 'gzip' is not supported"),
        new Hostile("URI of 20,000 characters",
            RawHttp.request("GET", "/api/tasks?x=" + "a".repeat(20_000), "", new byte[0]), false, 414, "URI too long"),
        new Hostile("headers of 20,000 bytes",
            RawHttp.request("GET", "/api/tasks", "X-Big: " + "b".repeat(20_000) + "\r\n", new byte[0]), false, 431,
            "headers too large"),
        new Hostile("control character in a header name",
            RawHttp.request("GET", "/api/tasks", "X\u0001Bad: 1\r\n", new byte[0]), false, 400, "bad request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileRequests")
  void getsAClear4xxWithoutInternalsAndWritesNothing(Hostile hostile) {
    String before = app.tableFingerprint();

    RawHttp.Response response = RawHttp.exchange(app.port(), hostile.request(), hostile.halfClose());

    assertThat(response.status()).as(response.head() + "\n" + response.body()).isEqualTo(hostile.status());
    assertThat(response.head().toLowerCase()).contains("content-type: application/json");
    JsonNode error = Json.parse(response.body());
    assertThat(error.get("error").asText()).contains(hostile.message());
    assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("`")
        .doesNotContainIgnoringCase("jackson").doesNotContainIgnoringCase("jetty").doesNotContain("\tat ");
    assertThat(app.tableFingerprint()).isEqualTo(before);
  }

  @Test
  void aValidRequestStillWorksAfterTheHostileOnes() {
    hostileRequests().forEach(hostile -> RawHttp.exchange(app.port(), hostile.request(), hostile.halfClose()));

    assertThat(app.postJson("/api/tasks", "{\"title\":\"still here\"}").statusCode()).isEqualTo(201);
  }

  private static Hostile post(String name, String json, int status, String message) {
    return postBytes(name, json.getBytes(StandardCharsets.UTF_8), status, message);
  }

  private static Hostile postBytes(String name, byte[] body, int status, String message) {
    return new Hostile(name, RawHttp.request("POST", "/api/tasks",
        JSON_HEADERS + "Content-Length: " + body.length + "\r\n", body), false, status, message);
  }

  /** Text and single bytes, in order (for bytes that are not valid UTF-8). */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}
