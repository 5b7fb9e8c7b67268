package dev.otellab.telemetry.query;

/**
 * A query could not be answered (backend unreachable, bad query, store unreadable). The message
 * is written for the user: what failed and, where possible, what to do.
 */
public class TelemetryQueryException extends RuntimeException {
    public TelemetryQueryException(String message) {
        super(message);
    }

    public TelemetryQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
