package dev.otellab.backend.http;

/** A request the API refuses with a 4xx; the message becomes {"error": ...}. */
final class RequestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestRejectedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static RequestRejectedException badRequest(String message) {
    return new RequestRejectedException(400, message);
  }

  int status() {
    return status;
  }
}
