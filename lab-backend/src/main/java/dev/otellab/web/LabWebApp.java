package dev.otellab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.http.LabHttpServer;
import dev.otellab.backend.http.LabServerSetup;
import dev.otellab.backend.http.OperationalRoutes;
import dev.otellab.backend.telemetry.HttpServerTelemetryFilter;
import dev.otellab.backend.telemetry.LabMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running lab-web: the tasks page ({@link PageFiles}), /api forwarded to lab-backend, the page's
 * telemetry settings, /health and /metrics, on lab-backend's server setup. The caller owns the
 * OpenTelemetry instance and shuts it down after {@link #close}.
 */
public final class LabWebApp implements AutoCloseable {

  /** The page reads where to send its spans from here. */
  static final String BROWSER_CONFIG = "/browser-config.json";

  private final LabHttpServer server;
  private final BackendClient backend;
  private final LabWebConfig config;

  private LabWebApp(LabHttpServer server, BackendClient backend, LabWebConfig config) {
    this.server = server;
    this.backend = backend;
    this.config = config;
  }

  public static LabWebApp start(LabWebConfig config, OpenTelemetry openTelemetry) {
    OpenTelemetryAppender.install(openTelemetry);
    ObjectMapper mapper = LabServerSetup.jsonMapper();
    LabMetrics metrics = LabMetrics.withoutTaskMetrics();
    BackendClient backend =
        new BackendClient(config.backendUrl(), config.connectTimeout(), config.backendTimeout(), openTelemetry);
    ApiRoutes api = new ApiRoutes(backend, mapper);
    Map<String, Object> browserConfig = new LinkedHashMap<>();
    browserConfig.put("serviceName", LabWeb.BROWSER_SERVICE_NAME);
    browserConfig.put("otlpTracesUrl", config.browserOtlpUrl().map(url -> url + "/v1/traces").orElse(null));
    Map<String, String> health = Map.of("status", "ok", "backend", config.backendUrl().toString());
    LabHttpServer server =
        LabHttpServer.create(
            mapper,
            new HttpServerTelemetryFilter(openTelemetry, metrics.http(), path -> path.startsWith("/api/")),
            javalin -> {
              PageFiles.register(javalin.routes);
              api.register(javalin.routes);
              javalin.routes.get(BROWSER_CONFIG, ctx -> ctx.json(browserConfig));
              javalin.routes.get("/health", ctx -> ctx.json(health));
              javalin.routes.get("/metrics", ctx -> OperationalRoutes.serveMetrics(metrics, ctx));
            });
    try {
      server.start(config.bindAddress(), config.port());
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    return new LabWebApp(server, backend, config);
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return server.baseUrl(config.bindAddress());
  }

  /** Stops accepting, lets in-flight requests (and their calls to lab-backend) finish, then stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      backend.close();
    }
  }
}
