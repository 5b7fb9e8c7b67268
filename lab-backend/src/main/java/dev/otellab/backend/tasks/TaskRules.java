package dev.otellab.backend.tasks;

import dev.otellab.backend.text.UnicodeText;

/** The limits a task must respect, checked once in {@link TaskService} whatever the entry point. */
public final class TaskRules {

  public static final int MAX_TITLE_LENGTH = 200;
  public static final int MAX_DESCRIPTION_LENGTH = 2000;

  private TaskRules() {}

  /** The checks {@link TaskService#create} makes, for callers that refuse bad input before forwarding it. */
  public static NewTask check(NewTask task) {
    return new NewTask(checkTitle(task.title()), checkDescription(task.description()));
  }

  /** The checks {@link TaskService#update} makes on the fields an update changes. */
  public static TaskChanges check(TaskChanges changes) {
    changes.title().ifPresent(TaskRules::checkTitle);
    if (changes.description().present()) {
      checkDescription(changes.description().value());
    }
    return changes;
  }

  static String checkTitle(String title) {
    if (UnicodeText.isBlank(title)) {
      throw new InvalidTaskException("title must not be blank");
    }
    int length = title.codePointCount(0, title.length());
    if (length > MAX_TITLE_LENGTH) {
      throw new InvalidTaskException(
          "title must be at most " + MAX_TITLE_LENGTH + " characters, was " + length);
    }
    return title;
  }

  static String checkDescription(String description) {
    if (description == null) {
      return null;
    }
    int length = description.codePointCount(0, description.length());
    if (length > MAX_DESCRIPTION_LENGTH) {
      throw new InvalidTaskException(
          "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters, was " + length);
    }
    return description;
  }
}
