package dev.otellab.backend.tasks;

/** Client input that cannot become a task; the message says what was wrong and becomes the 400 body. */
public final class InvalidTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTaskException(String message) {
    super(message, null, false, false);
  }
}
