package dev.otellab.backend.http;

import dev.otellab.backend.tasks.InvalidTaskException;
import dev.otellab.backend.tasks.TaskNotFoundException;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes {"error": "..."}: client mistakes a 4xx that says what was wrong, anything
 * else a 500 whose exception is logged and recorded on the SERVER span.
 */
final class ErrorMapping {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  static final long MAX_BODY_BYTES = 1L << 20;

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(RequestRejectedException.class, (e, ctx) -> reply(ctx, e.status(), e.getMessage()));
    routes.exception(InvalidTaskException.class, (e, ctx) -> reply(ctx, 400, e.getMessage()));
    routes.exception(TaskNotFoundException.class, (e, ctx) -> reply(ctx, 404, e.getMessage()));
    routes.exception(HttpResponseException.class, ErrorMapping::frameworkRejection);
    routes.exception(Exception.class, ErrorMapping::serverError);
  }

  private static void frameworkRejection(HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404 -> reply(ctx, 404, "no route for " + ctx.method() + " " + ctx.path());
      case 405 -> {
        String allowed = e.getDetails().values().stream().findFirst().orElse("");
        ctx.header("Allow", allowed);
        reply(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path() + "; allowed: " + allowed);
      }
      case 413 -> reply(ctx, 413, "request body exceeds " + MAX_BODY_BYTES + " bytes (1 MiB)");
      default -> {
        if (e.getStatus() >= 500) {
          serverError(e, ctx);
        } else {
          reply(ctx, e.getStatus(), e.getMessage().isBlank() ? HttpStatus.forStatus(e.getStatus()).getMessage() : e.getMessage());
        }
      }
    }
  }

  private static void serverError(Exception e, Context ctx) {
    RequestTelemetry.recordFailure(ctx.req(), e);
    LOG.atError()
        .setMessage("Request failed")
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .setCause(e)
        .log();
    reply(ctx, 500, "internal server error: " + e.getMessage());
  }

  private static void reply(Context ctx, int status, String message) {
    ctx.status(status).json(new ApiError(message));
  }
}
