package dev.otellab.backend.http;

import dev.otellab.backend.tasks.InvalidTaskException;
import dev.otellab.backend.tasks.TaskNotFoundException;
import io.javalin.config.RoutesConfig;

/** The task API's own failures as {"error": "..."}; the shared ones are mapped by {@link LabServerSetup}. */
final class ErrorMapping {

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(InvalidTaskException.class, (e, ctx) -> LabServerSetup.reply(ctx, 400, e.getMessage()));
    routes.exception(TaskNotFoundException.class, (e, ctx) -> LabServerSetup.reply(ctx, 404, e.getMessage()));
    // the lab's deliberate failure: its message is the lab's own, meant to be seen
    routes.exception(LabRoutes.SimulatedFailureException.class,
        (e, ctx) -> LabServerSetup.serverError(e, ctx, e.getMessage()));
  }
}
