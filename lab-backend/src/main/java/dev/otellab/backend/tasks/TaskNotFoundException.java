package dev.otellab.backend.tasks;

/** No task has the requested id. */
public final class TaskNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskNotFoundException(long id) {
    super("task " + id + " not found", null, false, false);
  }
}
