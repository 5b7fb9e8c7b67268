package dev.otellab.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.storage.SqliteDatabase;
import dev.otellab.backend.tasks.TaskService;
import dev.otellab.backend.telemetry.HttpServerTelemetryFilter;
import dev.otellab.backend.telemetry.LabMetrics;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The Javalin (Jetty 12) server of the lab's services: routes, error mapping, telemetry filter,
 * graceful stop. lab-backend and lab-web both build theirs here, so they answer errors alike.
 */
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
    TaskRoutes taskRoutes = new TaskRoutes(tasks, new TaskRequests(mapper));
    LabRoutes labRoutes = new LabRoutes(tracer);
    OperationalRoutes operationalRoutes = new OperationalRoutes(database, metrics);
    return create(
        mapper,
        telemetryFilter,
        config -> {
          taskRoutes.register(config.routes);
          labRoutes.register(config.routes);
          operationalRoutes.register(config.routes);
        });
  }

  /**
   * A server with the lab's common setup (limits, JSON mapper, telemetry filter with route
   * templates, graceful stop, error mapping) and the caller's routes and static files.
   */
  public static LabHttpServer create(
      ObjectMapper mapper,
      HttpServerTelemetryFilter telemetryFilter,
      Consumer<JavalinConfig> routesAndFiles) {
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
              routesAndFiles.accept(config);
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

  /** The base URL on the bound port, e.g. http://127.0.0.1:5000 (an IPv6 host in brackets). */
  public String baseUrl(String bindAddress) {
    String printableHost =
        bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
    return "http://" + printableHost + ":" + port();
  }

  /** Stops accepting, lets in-flight requests finish (up to {@link LabServerSetup#GRACEFUL_STOP}), then stops. */
  public void stop() {
    javalin.stop();
  }
}
