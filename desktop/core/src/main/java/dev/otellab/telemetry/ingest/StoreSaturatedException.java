package dev.otellab.telemetry.ingest;

import java.time.Duration;

/** The store cannot take more right now; the sender should retry after {@code retryAfter}. */
public class StoreSaturatedException extends RuntimeException {
    private final transient Duration retryAfter;

    public StoreSaturatedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
