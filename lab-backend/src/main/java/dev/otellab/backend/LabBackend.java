package dev.otellab.backend;

import dev.otellab.backend.config.LabConfig;
import dev.otellab.backend.http.LabHttpServer;
import dev.otellab.backend.storage.SqliteDatabase;
import dev.otellab.backend.tasks.TaskRepository;
import dev.otellab.backend.tasks.TaskService;
import dev.otellab.backend.telemetry.HttpServerTelemetryFilter;
import dev.otellab.backend.telemetry.LabMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.time.Clock;

/**
 * A running lab-backend: database, metrics, task service and HTTP server, wired to the
 * OpenTelemetry instance it is given. The caller owns that instance (Main builds it by
 * autoconfigure, tests pass an SDK with in-memory exporters) and shuts it down after {@link #close}.
 */
public final class LabBackend implements AutoCloseable {

  private final SqliteDatabase database;
  private final LabHttpServer server;
  private final LabConfig config;

  private LabBackend(SqliteDatabase database, LabHttpServer server, LabConfig config) {
    this.database = database;
    this.server = server;
    this.config = config;
  }

  public static LabBackend start(LabConfig config, OpenTelemetry openTelemetry) {
    OpenTelemetryAppender.install(openTelemetry);
    Tracer tracer = openTelemetry.getTracer("dev.otellab.backend", BuildInfo.version());
    SqliteDatabase database = SqliteDatabase.open(config.databaseFile(), openTelemetry);
    try {
      LabMetrics metrics = new LabMetrics();
      TaskService tasks =
          new TaskService(
              new TaskRepository(database.dataSource()), tracer, metrics.tasks(), Clock.systemUTC());
      LabHttpServer server =
          LabHttpServer.create(
              tasks,
              database,
              metrics,
              new HttpServerTelemetryFilter(openTelemetry, metrics.http()),
              tracer);
      server.start(config.bindAddress(), config.port());
      return new LabBackend(database, server, config);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return server.baseUrl(config.bindAddress());
  }

  public SqliteDatabase database() {
    return database;
  }

  /** Stops accepting, drains in-flight requests, then closes the database. */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      database.close();
    }
  }
}
