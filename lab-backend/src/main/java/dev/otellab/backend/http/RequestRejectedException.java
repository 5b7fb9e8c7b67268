package dev.otellab.backend.http;

/** A request the API refuses with a 4xx; the message becomes {"error": ...}. */
public final class RequestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public RequestRejectedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static RequestRejectedException badRequest(String message) {
    return new RequestRejectedException(400, message);
  }

  public int status() {
    return status;
  }
}
