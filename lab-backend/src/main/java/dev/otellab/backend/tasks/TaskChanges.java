package dev.otellab.backend.tasks;

import java.util.Optional;

/**
 * A validated partial update: an empty field keeps the stored value. A present description may
 * hold {@code null} to clear it, hence the nested Optional-like {@link DescriptionChange}.
 */
public record TaskChanges(
    Optional<String> title, DescriptionChange description, Optional<Boolean> completed) {

  public boolean isEmpty() {
    return title.isEmpty() && !description.present() && completed.isEmpty();
  }

  /** Whether the description is to be changed, and to what (null clears it). */
  public record DescriptionChange(boolean present, String value) {
    public static DescriptionChange keep() {
      return new DescriptionChange(false, null);
    }

    public static DescriptionChange to(String value) {
      return new DescriptionChange(true, value);
    }
  }
}
