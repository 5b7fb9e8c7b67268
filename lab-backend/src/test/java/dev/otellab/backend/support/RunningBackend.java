package dev.otellab.backend.support;

import dev.otellab.backend.LabBackend;
import dev.otellab.backend.config.LabConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/** The real lab-backend on a free loopback port with its own SQLite file, plus an HTTP client. */
public final class RunningBackend implements AutoCloseable {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final LabBackend backend;
  private final Path databaseFile;

  private RunningBackend(LabBackend backend, Path databaseFile) {
    this.backend = backend;
    this.databaseFile = databaseFile;
  }

  public static RunningBackend start(Path databaseFile, OpenTelemetry openTelemetry) {
    LabConfig config = new LabConfig("127.0.0.1", 0, databaseFile);
    return new RunningBackend(LabBackend.start(config, openTelemetry), databaseFile);
  }

  public LabBackend backend() {
    return backend;
  }

  public int port() {
    return backend.port();
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
  }

  public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  public HttpResponse<String> postJson(String path, String json) {
    return withBody("POST", path, "application/json", json);
  }

  public HttpResponse<String> putJson(String path, String json) {
    return withBody("PUT", path, "application/json", json);
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public HttpResponse<String> withBody(String method, String path, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counted straight from the file, not through the API under test. */
  public long taskRows() {
    return queryLong("SELECT count(*) FROM tasks");
  }

  /** A fingerprint of all stored rows, to prove a rejected request changed nothing. */
  public String tableFingerprint() {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT group_concat(id || '|' || title || '|' || ifnull(description, '<null>') || '|'"
                    + " || completed || '|' || updated_at, '\n') FROM (SELECT * FROM tasks ORDER BY id)")) {
      rows.next();
      return String.valueOf(rows.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long queryLong(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    backend.close();
  }
}
