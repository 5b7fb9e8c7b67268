package dev.otellab.backend.http;

import dev.otellab.backend.tasks.Task;
import dev.otellab.backend.tasks.TaskService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * /api/tasks. PUT is a partial update: fields left out keep their value. A non-numeric id is a
 * 400 (the request is malformed); a well-formed id that matches no task is a 404.
 */
final class TaskRoutes {

  static final String COLLECTION = "/api/tasks";
  static final String ITEM = "/api/tasks/{id}";
  static final String STATS = "/api/stats";

  private final TaskService tasks;
  private final TaskRequests requests;

  TaskRoutes(TaskService tasks, TaskRequests requests) {
    this.tasks = tasks;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.get(COLLECTION, this::list);
    routes.post(COLLECTION, this::create);
    routes.get(ITEM, this::get);
    routes.put(ITEM, this::update);
    routes.delete(ITEM, this::delete);
    routes.get(STATS, this::stats);
  }

  private void list(Context ctx) {
    ctx.json(TaskJson.views(tasks.list(requests.listQuery(ctx))));
  }

  private void stats(Context ctx) {
    TaskRequests.noParameters(ctx);
    var stats = tasks.stats();
    ctx.json(Map.of("total", stats.total(), "completed", stats.completed(), "open", stats.open()));
  }

  private void create(Context ctx) {
    Task task = tasks.create(requests.newTask(ctx));
    ctx.status(HttpStatus.CREATED).header("Location", COLLECTION + "/" + task.id());
    ctx.json(TaskJson.TaskView.of(task));
  }

  private void get(Context ctx) {
    TaskRequests.noParameters(ctx);
    ctx.json(TaskJson.TaskView.of(tasks.get(TaskRequests.taskId(ctx))));
  }

  private void update(Context ctx) {
    long id = TaskRequests.taskId(ctx);
    ctx.json(TaskJson.TaskView.of(tasks.update(id, requests.changes(ctx))));
  }

  private void delete(Context ctx) {
    TaskRequests.noParameters(ctx);
    tasks.delete(TaskRequests.taskId(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
