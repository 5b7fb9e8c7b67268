package dev.otellab.backend.http;

import dev.otellab.backend.tasks.Task;
import dev.otellab.backend.tasks.TaskQuery;
import dev.otellab.backend.tasks.TaskService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Set;

/**
 * /api/tasks. PUT is a partial update: fields left out keep their value. A non-numeric id is a
 * 400 (the request is malformed); a well-formed id that matches no task is a 404.
 */
final class TaskRoutes {

  static final String COLLECTION = "/api/tasks";
  static final String ITEM = "/api/tasks/{id}";
  private static final Set<String> LIST_PARAMETERS = Set.of("completed", "limit", "offset");

  private final TaskService tasks;
  private final JsonBodies bodies;

  TaskRoutes(TaskService tasks, JsonBodies bodies) {
    this.tasks = tasks;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.get(COLLECTION, this::list);
    routes.post(COLLECTION, this::create);
    routes.get(ITEM, this::get);
    routes.put(ITEM, this::update);
    routes.delete(ITEM, this::delete);
  }

  private void list(Context ctx) {
    QueryParameters query = QueryParameters.of(ctx, LIST_PARAMETERS);
    TaskQuery taskQuery =
        new TaskQuery(
            query.bool("completed"),
            query.integer("limit", 1, TaskQuery.MAX_LIMIT, TaskQuery.DEFAULT_LIMIT),
            query.integer("offset", 0, Integer.MAX_VALUE, 0));
    ctx.json(TaskJson.views(tasks.list(taskQuery)));
  }

  private void create(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    Task task = tasks.create(TaskJson.newTask(bodies.readObject(ctx)));
    ctx.status(HttpStatus.CREATED).header("Location", COLLECTION + "/" + task.id());
    ctx.json(TaskJson.TaskView.of(task));
  }

  private void get(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    ctx.json(TaskJson.TaskView.of(tasks.get(taskId(ctx))));
  }

  private void update(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    long id = taskId(ctx);
    ctx.json(TaskJson.TaskView.of(tasks.update(id, TaskJson.changes(bodies.readObject(ctx)))));
  }

  private void delete(Context ctx) {
    QueryParameters.of(ctx, Set.of());
    tasks.delete(taskId(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static long taskId(Context ctx) {
    String raw = ctx.pathParam("id");
    if (!raw.matches("[0-9]{1,18}")) {
      throw RequestRejectedException.badRequest(
          "task id must be a positive whole number, was '" + raw + "'");
    }
    return Long.parseLong(raw);
  }
}
