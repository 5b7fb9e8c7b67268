package dev.otellab.telemetry.files;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.AtomicFiles;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Exports traces with their log records to an OTLP JSON lines file. It reads through the query
 * ports, so it works in every mode (the embedded store, or Tempo and Loki).
 */
public final class TraceExport {
    /** Logs are looked for from a little before the trace to a while after it (late flushes). */
    private static final Duration LOGS_BEFORE = Duration.ofMinutes(1);
    private static final Duration LOGS_AFTER = Duration.ofMinutes(5);
    private static final int MAX_LOGS_PER_TRACE = 10_000;

    private final TraceSource traces;
    private final LogSource logs;

    public TraceExport(TraceSource traces, LogSource logs) {
        this.traces = traces;
        this.logs = logs;
    }

    /**
     * Reads each trace and its records.
     *
     * @param cancelled asked between traces; when it says yes, the export stops with nothing written
     * @throws TraceFileException when an id is not a trace id or a trace is not found (nothing is read further)
     */
    public List<TraceFileWriter.TraceWithLogs> collect(List<TraceId> traceIds, BooleanSupplier cancelled)
            throws TraceFileException {
        if (traceIds.isEmpty()) {
            throw new TraceFileException("name at least one trace to export");
        }
        List<TraceFileWriter.TraceWithLogs> collected = new ArrayList<>(traceIds.size());
        for (TraceId id : traceIds) {
            if (cancelled.getAsBoolean()) {
                throw new TraceFileException("the export was cancelled; no file was written");
            }
            Optional<Trace> trace = traces.trace(id);
            if (trace.isEmpty()) {
                throw new TraceFileException("trace " + id + " was not found; no file was written");
            }
            collected.add(new TraceFileWriter.TraceWithLogs(trace.get(), logsOf(trace.get())));
        }
        return collected;
    }

    /** Exports to {@code file}, written whole or not at all. */
    public ExportSummary exportTo(List<TraceId> traceIds, Path file, BooleanSupplier cancelled)
            throws TraceFileException, IOException {
        List<TraceFileWriter.TraceWithLogs> collected = collect(traceIds, cancelled);
        String lines = TraceFileWriter.lines(collected);
        AtomicFiles.write(file, lines.getBytes(StandardCharsets.UTF_8));
        return ExportSummary.of(collected);
    }

    private List<LogRecord> logsOf(Trace trace) {
        long from = Math.max(0, trace.startUnixNano() - LOGS_BEFORE.toNanos());
        long to = trace.endUnixNano() + LOGS_AFTER.toNanos();
        return logs.query(LogFilter.forTrace(trace.id()), new TimeRange(from, to), MAX_LOGS_PER_TRACE,
                QueryDirection.OLDEST_FIRST);
    }

    /** How much an export wrote. */
    public record ExportSummary(int traces, int spans, int logs) {
        public static ExportSummary of(List<TraceFileWriter.TraceWithLogs> collected) {
            int spans = 0;
            int logs = 0;
            for (TraceFileWriter.TraceWithLogs item : collected) {
                spans += item.trace().spans().size();
                logs += item.logs().size();
            }
            return new ExportSummary(collected.size(), spans, logs);
        }

        public String describe() {
            return traces + " trace" + (traces == 1 ? "" : "s") + ", " + spans + " span" + (spans == 1 ? "" : "s")
                    + ", " + logs + " log record" + (logs == 1 ? "" : "s");
        }
    }
}
