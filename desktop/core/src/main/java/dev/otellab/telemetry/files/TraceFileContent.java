package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a trace file held: its spans and log records, and what was left out with the
 * reason (e.g. metrics, which a trace file does not carry into the store).
 */
public record TraceFileContent(TraceFileFormat format, List<Span> spans, List<LogRecord> logs, List<String> skipped) {
    public TraceFileContent {
        spans = List.copyOf(spans);
        logs = List.copyOf(logs);
        skipped = List.copyOf(skipped);
    }

    /** The file's traces, in order of their first span in the file. */
    public List<Trace> traces() {
        Map<String, List<Span>> byTrace = new LinkedHashMap<>();
        for (Span span : spans) {
            byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        }
        List<Trace> traces = new ArrayList<>(byTrace.size());
        byTrace.forEach((id, traceSpans) -> traces.add(new Trace(id, traceSpans)));
        return traces;
    }
}
