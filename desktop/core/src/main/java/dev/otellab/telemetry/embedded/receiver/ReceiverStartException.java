package dev.otellab.telemetry.embedded.receiver;

/** The receiver could not start (typically: a port is taken). The message is written for the user. */
public class ReceiverStartException extends RuntimeException {
    public ReceiverStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
