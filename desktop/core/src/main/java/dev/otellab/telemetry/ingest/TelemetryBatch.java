package dev.otellab.telemetry.ingest;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.Span;

import java.util.List;

/**
 * What one OTLP export request carried, decoded: as the domain model, or (from an ingest's own
 * decoder) as {@link PreparedItems} that only that ingest reads; {@code prepared} is null otherwise.
 */
public record TelemetryBatch(List<Span> spans, List<LogRecord> logs, List<MetricPoint> metrics, PreparedItems prepared) {
    public TelemetryBatch {
        spans = spans == null ? List.of() : List.copyOf(spans);
        logs = logs == null ? List.of() : List.copyOf(logs);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    public TelemetryBatch(List<Span> spans, List<LogRecord> logs, List<MetricPoint> metrics) {
        this(spans, logs, metrics, null);
    }

    public static TelemetryBatch ofSpans(List<Span> spans) {
        return new TelemetryBatch(spans, List.of(), List.of());
    }

    public static TelemetryBatch ofLogs(List<LogRecord> logs) {
        return new TelemetryBatch(List.of(), logs, List.of());
    }

    public static TelemetryBatch ofMetrics(List<MetricPoint> metrics) {
        return new TelemetryBatch(List.of(), List.of(), metrics);
    }

    public static TelemetryBatch ofPrepared(PreparedItems prepared) {
        return new TelemetryBatch(List.of(), List.of(), List.of(), prepared);
    }

    public int size() {
        return spans.size() + logs.size() + metrics.size() + (prepared == null ? 0 : prepared.size());
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
