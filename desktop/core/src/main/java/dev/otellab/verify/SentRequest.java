package dev.otellab.verify;

/**
 * One request verify sent and what came back. {@code status} is the HTTP status, or 0 when no
 * answer came ({@code failure} then says why).
 */
public record SentRequest(RequestKind kind, String method, String route, String traceId, int status,
                          String failure, long durationNanos) {

    public SentRequest {
        failure = failure == null ? "" : failure;
    }

    public boolean answered() {
        return status > 0;
    }

    public boolean serverError() {
        return status >= 500;
    }
}
