package dev.otellab.web;

/**
 * lab-backend could not give an answer lab-web can pass on: unreachable or failing (502), or
 * too slow (504). The message says which, and becomes the {"error": ...} of the answer.
 */
final class BackendFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int BAD_GATEWAY = 502;
  static final int GATEWAY_TIMEOUT = 504;

  private final int status;

  BackendFailureException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  int status() {
    return status;
  }
}
