package dev.otellab.backend.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.storage.SqliteDatabase;
import dev.otellab.backend.tasks.TaskService;
import dev.otellab.backend.telemetry.HttpServerTelemetryFilter;
import dev.otellab.backend.telemetry.LabMetrics;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The Javalin (Jetty 12) server: routes, error mapping, telemetry filter, graceful stop. */
public final class LabHttpServer {

  /** In-flight requests get this long to finish when the server stops. */
  public static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

  private final Javalin javalin;

  private LabHttpServer(Javalin javalin) {
    this.javalin = javalin;
  }

  public static LabHttpServer create(
      TaskService tasks,
      SqliteDatabase database,
      LabMetrics metrics,
      HttpServerTelemetryFilter telemetryFilter,
      Tracer tracer) {
    ObjectMapper mapper = jsonMapper();
    TaskRoutes taskRoutes = new TaskRoutes(tasks, new JsonBodies(mapper));
    LabRoutes labRoutes = new LabRoutes(tracer);
    OperationalRoutes operationalRoutes = new OperationalRoutes(database, metrics);
    Javalin javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.startup.startupWatcherEnabled = false;
              config.http.maxRequestSize = ErrorMapping.MAX_BODY_BYTES;
              config.http.prefer405over404 = true;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(GRACEFUL_STOP.toMillis());
                    server.insertHandler(new GracefulHandler());
                  });
              config.jetty.modifyServletContextHandler(
                  context ->
                      context.addFilter(
                          new FilterHolder(telemetryFilter),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST)));
              config.routes.beforeMatched(
                  ctx -> {
                    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
                    if (matched != null) {
                      RequestTelemetry.recordRoute(ctx.req(), matched.path);
                    }
                  });
              taskRoutes.register(config.routes);
              labRoutes.register(config.routes);
              operationalRoutes.register(config.routes);
              ErrorMapping.register(config.routes);
            });
    return new LabHttpServer(javalin);
  }

  public LabHttpServer start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  public int port() {
    return javalin.port();
  }

  /** Stops accepting, lets in-flight requests finish (up to {@link #GRACEFUL_STOP}), then stops. */
  public void stop() {
    javalin.stop();
  }

  private static ObjectMapper jsonMapper() {
    return new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
