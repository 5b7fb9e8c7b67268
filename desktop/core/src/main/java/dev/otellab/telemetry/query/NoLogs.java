package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.LogRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The log source of a mode that has none (e.g. traces from Jaeger, no Loki): every query says so plainly. */
public record NoLogs(String reason) implements LogSource {

    @Override
    public List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        throw new TelemetryQueryException(reason);
    }

    /** Nothing ever arrives; a live view that switches modes keeps its subscription. */
    @Override
    public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
        return () -> { };
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.of(reason);
    }
}
