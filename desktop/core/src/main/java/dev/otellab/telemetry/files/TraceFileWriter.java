package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.otlp.OtlpEncoder;
import dev.otellab.telemetry.otlp.OtlpJsonPrinter;

import java.util.List;

/**
 * Writes traces and their log records as OTLP JSON lines: per trace, one
 * ExportTraceServiceRequest line, then one ExportLogsServiceRequest line when it has records.
 * Each line can be POSTed as it is to any OTLP/HTTP receiver (/v1/traces, /v1/logs).
 */
public final class TraceFileWriter {
    private TraceFileWriter() {
    }

    public static String lines(List<TraceWithLogs> traces) {
        StringBuilder text = new StringBuilder();
        for (TraceWithLogs item : traces) {
            text.append(OtlpJsonPrinter.line(OtlpEncoder.traces(item.trace().spans()))).append('\n');
            if (!item.logs().isEmpty()) {
                text.append(OtlpJsonPrinter.line(OtlpEncoder.logs(item.logs()))).append('\n');
            }
        }
        return text.toString();
    }

    /** One trace and the log records written during it. */
    public record TraceWithLogs(Trace trace, List<LogRecord> logs) {
        public TraceWithLogs {
            logs = List.copyOf(logs);
        }
    }
}
