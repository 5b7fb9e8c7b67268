package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.LogRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where log records come from: the embedded store, or Loki. Implementations are thread-safe. */
public interface LogSource {

    /** Matching records in {@code range}, in the given order, at most {@code limit}. */
    List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction);

    /**
     * Delivers matching records as they arrive, in batches, oldest first, on a background
     * thread, until the subscription is closed. Starts with records arriving after the call.
     */
    Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener);

    /**
     * Why this mode has no logs at all (e.g. traces from Zipkin and no Loki), in one sentence
     * for the user; empty when logs can be queried.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
