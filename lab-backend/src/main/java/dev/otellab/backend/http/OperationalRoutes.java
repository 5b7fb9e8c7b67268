package dev.otellab.backend.http;

import dev.otellab.backend.storage.HealthStatus;
import dev.otellab.backend.storage.SqliteDatabase;
import dev.otellab.backend.telemetry.LabMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** /health (with a real database round trip) and /metrics (Prometheus, format by Accept header). */
public final class OperationalRoutes {

  private final SqliteDatabase database;
  private final LabMetrics metrics;

  OperationalRoutes(SqliteDatabase database, LabMetrics metrics) {
    this.database = database;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.get("/health", this::health);
    routes.get("/metrics", this::metrics);
  }

  private void health(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    HealthStatus status = database.checkHealth();
    Map<String, String> body = new LinkedHashMap<>();
    if (status.healthy()) {
      body.put("status", "ok");
      body.put("db", "ok");
      ctx.json(body);
    } else {
      body.put("status", "unavailable");
      body.put("db", "error");
      body.put("error", status.message());
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }
  }

  private void metrics(Context ctx) throws IOException {
    serveMetrics(metrics, ctx);
  }

  /** Answers a Prometheus scrape in the format its Accept header asks for. */
  public static void serveMetrics(LabMetrics metrics, Context ctx) throws IOException {
    LabMetrics.Scrape scrape = metrics.scrape(ctx.header("Accept"));
    ctx.contentType(scrape.contentType());
    scrape.body().writeTo(ctx.outputStream());
  }
}
