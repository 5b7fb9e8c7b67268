package dev.otellab.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.storage.SqliteDatabase;
import dev.otellab.backend.tasks.TaskService;
import dev.otellab.backend.telemetry.HttpServerTelemetryFilter;
import dev.otellab.backend.telemetry.LabMetrics;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/** lab-backend's Javalin (Jetty 12) server: the shared {@link LabServerSetup}, its routes and telemetry filter. */
public final class LabHttpServer {

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
    ObjectMapper mapper = LabServerSetup.jsonMapper();
    TaskRoutes taskRoutes = new TaskRoutes(tasks, new JsonBodies(mapper));
    LabRoutes labRoutes = new LabRoutes(tracer);
    OperationalRoutes operationalRoutes = new OperationalRoutes(database, metrics);
    Javalin javalin =
        Javalin.create(
            config -> {
              LabServerSetup.apply(config, mapper);
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

  /** Stops accepting, lets in-flight requests finish (up to {@link LabServerSetup#GRACEFUL_STOP}), then stops. */
  public void stop() {
    javalin.stop();
  }
}
