package dev.otellab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.backend.http.ApiError;
import dev.otellab.backend.http.JsonBodies;
import dev.otellab.backend.http.TaskRequests;
import dev.otellab.backend.telemetry.RequestTelemetry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lab-web's /api: each route checks the request with lab-backend's own rules (so a bad request
 * gets the same 4xx here and never reaches lab-backend), then forwards it. lab-backend's 2xx and
 * 4xx answers pass through as they are; its 5xx, a refused connection or a timeout become a
 * 502/504 {"error": ...} from lab-web. GET /api/overview calls lab-backend twice in parallel.
 */
final class ApiRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  static final String OVERVIEW = "/api/overview";
  private static final String JSON = "application/json";
  private static final String TASKS = "/api/tasks";
  private static final String TASK = "/api/tasks/{id}";
  private static final String STATS = "/api/stats";
  private static final int OVERVIEW_RECENT_TASKS = 5;

  private final BackendClient backend;
  private final TaskRequests requests;
  private final ObjectMapper mapper;

  ApiRoutes(BackendClient backend, ObjectMapper mapper) {
    this.backend = backend;
    this.requests = new TaskRequests(mapper);
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.get(TASKS, ctx -> {
      requests.listQuery(ctx);
      forward(ctx, "GET", TASKS, null);
    });
    routes.post(TASKS, ctx -> {
      requests.newTask(ctx);
      forward(ctx, "POST", TASKS, JsonBodies.bodyRead(ctx));
    });
    routes.get(TASK, ctx -> {
      TaskRequests.noParameters(ctx);
      TaskRequests.taskId(ctx);
      forward(ctx, "GET", TASK, null);
    });
    routes.put(TASK, ctx -> {
      TaskRequests.taskId(ctx);
      requests.changes(ctx);
      forward(ctx, "PUT", TASK, JsonBodies.bodyRead(ctx));
    });
    routes.delete(TASK, ctx -> {
      TaskRequests.noParameters(ctx);
      TaskRequests.taskId(ctx);
      forward(ctx, "DELETE", TASK, null);
    });
    routes.get(STATS, ctx -> {
      TaskRequests.noParameters(ctx);
      forward(ctx, "GET", STATS, null);
    });
    routes.get("/api/simulate-slow", ctx -> {
      TaskRequests.slowDelayMillis(ctx);
      forward(ctx, "GET", "/api/simulate-slow", null);
    });
    routes.get("/api/reports/overdue", ctx -> {
      TaskRequests.noParameters(ctx);
      forward(ctx, "GET", "/api/reports/overdue", null);
    });
    routes.get("/api/work", ctx -> {
      TaskRequests.workMillis(ctx);
      forward(ctx, "GET", "/api/work", null);
    });
    routes.get(OVERVIEW, this::overview);
    routes.exception(BackendFailureException.class, ApiRoutes::backendFailed);
  }

  /** Sends the request on with its path and query as they came (both already checked). */
  private void forward(Context ctx, String method, String routeTemplate, byte[] body) throws InterruptedException {
    String query = ctx.queryString();
    String pathAndQuery = ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    BackendResponse answer = backend.call(method, pathAndQuery, routeTemplate, body == null ? null : JSON, body);
    passOn(ctx, answer);
  }

  /** The latest tasks and the counts, fetched from lab-backend at the same time. */
  private void overview(Context ctx) throws InterruptedException, IOException {
    TaskRequests.noParameters(ctx);
    CompletableFuture<BackendResponse> tasks =
        backend.callAsync("GET", TASKS + "?limit=" + OVERVIEW_RECENT_TASKS, TASKS, null, null);
    CompletableFuture<BackendResponse> stats = backend.callAsync("GET", STATS, STATS, null, null);
    BackendResponse taskAnswer = await(tasks);
    BackendResponse statsAnswer = await(stats);
    requireSuccess(taskAnswer, TASKS);
    requireSuccess(statsAnswer, STATS);
    ObjectNode body = mapper.createObjectNode();
    body.set("stats", mapper.readTree(statsAnswer.body()));
    body.set("recentTasks", mapper.readTree(taskAnswer.body()));
    ctx.json(body);
  }

  private static BackendResponse await(CompletableFuture<BackendResponse> call) throws InterruptedException {
    try {
      return call.get();
    } catch (ExecutionException e) {
      throw BackendClient.unwrap(e.getCause());
    }
  }

  private void requireSuccess(BackendResponse answer, String route) {
    if (answer.status() >= 300) {
      throw new BackendFailureException(
          BackendFailureException.BAD_GATEWAY,
          "lab-backend answered " + answer.status() + " to GET " + route + errorOf(answer), null);
    }
  }

  private void passOn(Context ctx, BackendResponse answer) {
    if (answer.status() >= 500) {
      throw new BackendFailureException(
          BackendFailureException.BAD_GATEWAY,
          "lab-backend answered " + answer.status() + errorOf(answer), null);
    }
    ctx.status(answer.status());
    answer.contentType().ifPresent(ctx::contentType);
    answer.location().ifPresent(location -> ctx.header("Location", location));
    if (answer.body().length > 0) {
      ctx.result(answer.body());
    }
  }

  /** ": <lab-backend's error message>" when its body has one. */
  private String errorOf(BackendResponse answer) {
    try {
      JsonNode error = mapper.readTree(answer.body()).get("error");
      return error == null ? "" : ": " + error.asText();
    } catch (IOException e) {
      String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text.substring(0, Math.min(200, text.length()));
    }
  }

  private static void backendFailed(BackendFailureException e, Context ctx) {
    RequestTelemetry.recordFailure(ctx.req(), e);
    LOG.atError()
        .setMessage("lab-backend call failed")
        .addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("status", e.status())
        .addKeyValue("reason", e.getMessage())
        .log();
    ctx.status(e.status()).json(new ApiError(e.getMessage()));
  }
}
