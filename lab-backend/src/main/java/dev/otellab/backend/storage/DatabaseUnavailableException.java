package dev.otellab.backend.storage;

/** The database cannot be opened or used; surfaces as a start-up error or a 503/500. */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
