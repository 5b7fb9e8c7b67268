package dev.otellab.backend.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.backend.tasks.NewTask;
import dev.otellab.backend.tasks.Task;
import dev.otellab.backend.tasks.TaskChanges;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Maps task JSON to and from the domain, checking each field's JSON type explicitly. */
final class TaskJson {

  private static final Set<String> CREATE_FIELDS = Set.of("title", "description");
  private static final Set<String> UPDATE_FIELDS = Set.of("title", "description", "completed");

  private TaskJson() {}

  /** The JSON shape of a task; times are ISO-8601 in UTC. */
  record TaskView(
      long id,
      String title,
      String description,
      boolean completed,
      String createdAt,
      String updatedAt) {

    static TaskView of(Task task) {
      return new TaskView(
          task.id(),
          task.title(),
          task.description(),
          task.completed(),
          DateTimeFormatter.ISO_INSTANT.format(task.createdAt()),
          DateTimeFormatter.ISO_INSTANT.format(task.updatedAt()));
    }
  }

  static NewTask newTask(JsonNode body) {
    rejectUnknownFields(body, CREATE_FIELDS);
    if (!body.has("title")) {
      throw RequestRejectedException.badRequest("title is required");
    }
    return new NewTask(requiredString(body, "title"), optionalString(body, "description"));
  }

  static TaskChanges changes(JsonNode body) {
    rejectUnknownFields(body, UPDATE_FIELDS);
    Optional<String> title =
        body.has("title") ? Optional.of(requiredString(body, "title")) : Optional.empty();
    TaskChanges.DescriptionChange description =
        body.has("description")
            ? TaskChanges.DescriptionChange.to(optionalString(body, "description"))
            : TaskChanges.DescriptionChange.keep();
    Optional<Boolean> completed = Optional.empty();
    if (body.has("completed")) {
      JsonNode value = body.get("completed");
      if (!value.isBoolean()) {
        throw RequestRejectedException.badRequest(
            "completed must be true or false, was " + JsonBodies.describe(value));
      }
      completed = Optional.of(value.booleanValue());
    }
    TaskChanges changes = new TaskChanges(title, description, completed);
    if (changes.isEmpty()) {
      throw RequestRejectedException.badRequest(
          "nothing to update; give at least one of title, description, completed");
    }
    return changes;
  }

  static List<TaskView> views(List<Task> tasks) {
    List<TaskView> views = new ArrayList<>(tasks.size());
    for (Task task : tasks) {
      views.add(TaskView.of(task));
    }
    return views;
  }

  private static String requiredString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (!value.isTextual()) {
      throw RequestRejectedException.badRequest(
          field + " must be a string, was " + JsonBodies.describe(value));
    }
    return value.textValue();
  }

  private static String optionalString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw RequestRejectedException.badRequest(
          field + " must be a string or null, was " + JsonBodies.describe(value));
    }
    return value.textValue();
  }

  private static void rejectUnknownFields(JsonNode body, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>();
    body.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw RequestRejectedException.badRequest(
          "unknown field(s): " + String.join(", ", unknown) + "; allowed: "
              + String.join(", ", new TreeSet<>(allowed)));
    }
  }
}
