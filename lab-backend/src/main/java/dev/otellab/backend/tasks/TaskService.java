package dev.otellab.backend.tasks;

import dev.otellab.backend.telemetry.TaskMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Task use cases, each wrapped in a business span (INTERNAL) and logged with the task id. */
public final class TaskService {

  public static final AttributeKey<Long> TASK_ID = AttributeKey.longKey("task.id");
  private static final AttributeKey<Long> TASK_COUNT = AttributeKey.longKey("task.count");
  private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);

  private final TaskRepository repository;
  private final Tracer tracer;
  private final TaskMetrics metrics;
  private final Clock clock;

  public TaskService(TaskRepository repository, Tracer tracer, TaskMetrics metrics, Clock clock) {
    this.repository = repository;
    this.tracer = tracer;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Task create(NewTask request) {
    NewTask valid = TaskRules.check(request);
    return inSpan(
        "create_task",
        span -> {
          Task task = repository.insert(valid, now());
          span.setAttribute(TASK_ID, task.id());
          metrics.taskCreated();
          LOG.atInfo().setMessage("Task created").addKeyValue("task.id", task.id()).log();
          return task;
        });
  }

  public List<Task> list(TaskQuery query) {
    return inSpan(
        "list_tasks",
        span -> {
          List<Task> tasks = repository.list(query);
          span.setAttribute(TASK_COUNT, (long) tasks.size());
          return tasks;
        });
  }

  public TaskStats stats() {
    return inSpan(
        "task_stats",
        span -> {
          TaskStats stats = repository.stats();
          span.setAttribute(TASK_COUNT, stats.total());
          return stats;
        });
  }

  public Task get(long id) {
    return inSpan(
        "get_task",
        span -> {
          span.setAttribute(TASK_ID, id);
          return repository.findById(id).orElseThrow(() -> new TaskNotFoundException(id));
        });
  }

  public Task update(long id, TaskChanges changes) {
    TaskRules.check(changes);
    return inSpan(
        "update_task",
        span -> {
          span.setAttribute(TASK_ID, id);
          TaskRepository.Update update =
              repository.update(id, changes, now()).orElseThrow(() -> new TaskNotFoundException(id));
          if (!update.before().completed() && update.after().completed()) {
            metrics.taskCompleted();
            LOG.atInfo().setMessage("Task completed").addKeyValue("task.id", id).log();
          }
          LOG.atInfo().setMessage("Task updated").addKeyValue("task.id", id).log();
          return update.after();
        });
  }

  public void delete(long id) {
    inSpan(
        "delete_task",
        span -> {
          span.setAttribute(TASK_ID, id);
          if (!repository.delete(id)) {
            throw new TaskNotFoundException(id);
          }
          LOG.atInfo().setMessage("Task deleted").addKeyValue("task.id", id).log();
          return null;
        });
  }

  @SuppressWarnings("try") // the Scope is only held open
  private <T> T inSpan(String name, Function<Span, T> work) {
    Span span = tracer.spanBuilder(name).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.apply(span);
    } catch (InvalidTaskException | TaskNotFoundException e) {
      // The caller's mistake, not a failure of this operation: status stays UNSET.
      throw e;
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getMessage());
      throw e;
    } finally {
      span.end();
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
