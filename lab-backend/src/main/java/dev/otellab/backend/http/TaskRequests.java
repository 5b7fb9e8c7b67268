package dev.otellab.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.backend.tasks.NewTask;
import dev.otellab.backend.tasks.TaskChanges;
import dev.otellab.backend.tasks.TaskQuery;
import dev.otellab.backend.tasks.TaskRules;
import io.javalin.http.Context;
import java.util.Set;

/**
 * How the task API reads and checks a request, in one place: lab-backend's routes use it, and
 * lab-web uses it to refuse bad input with the same 4xx answers before forwarding anything.
 * Each method throws the exception {@link ErrorMapping} turns into the 4xx JSON error.
 */
public final class TaskRequests {

  private static final Set<String> LIST_PARAMETERS = Set.of("completed", "limit", "offset");

  private final JsonBodies bodies;

  public TaskRequests(ObjectMapper mapper) {
    this.bodies = new JsonBodies(mapper);
  }

  /** GET /api/tasks: the completed filter and the page. */
  public TaskQuery listQuery(Context ctx) {
    QueryParameters query = QueryParameters.of(ctx, LIST_PARAMETERS);
    return new TaskQuery(
        query.bool("completed"),
        query.integer("limit", 1, TaskQuery.MAX_LIMIT, TaskQuery.DEFAULT_LIMIT),
        query.integer("offset", 0, Integer.MAX_VALUE, 0));
  }

  /** POST /api/tasks: a JSON object with a title (and a description) within the task rules. */
  public NewTask newTask(Context ctx) {
    noParameters(ctx);
    return TaskRules.check(TaskJson.newTask(bodies.readObject(ctx)));
  }

  /** PUT /api/tasks/{id}: at least one known field, each within the task rules. */
  public TaskChanges changes(Context ctx) {
    noParameters(ctx);
    return TaskRules.check(TaskJson.changes(bodies.readObject(ctx)));
  }

  /** The {id} path parameter: a non-numeric id is malformed (400), not missing (404). */
  public static long taskId(Context ctx) {
    String raw = ctx.pathParam("id");
    if (!raw.matches("[0-9]{1,18}")) {
      throw RequestRejectedException.badRequest(
          "task id must be a positive whole number, was '" + raw + "'");
    }
    return Long.parseLong(raw);
  }

  /** Refuses any query parameter. */
  public static void noParameters(Context ctx) {
    QueryParameters.of(ctx, Set.of());
  }

  /** /api/simulate-slow?delay=SECONDS (0..10, default 1 s), in milliseconds. */
  public static long slowDelayMillis(Context ctx) {
    return QueryParameters.of(ctx, Set.of("delay")).secondsAsMillis("delay", 10, 1_000);
  }

  /** /api/work?ms=N (0..10000, default 100). */
  public static long workMillis(Context ctx) {
    return QueryParameters.of(ctx, Set.of("ms")).integer("ms", 0, 10_000, 100);
  }
}
