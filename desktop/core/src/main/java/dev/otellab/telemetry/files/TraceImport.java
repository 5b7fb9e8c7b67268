package dev.otellab.telemetry.files;

import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Imports trace files into the store through its ingest path: each file is read whole, then
 * stored as one batch (one transaction), so a file is imported entirely or not at all. Spans
 * the store already holds (the same file imported twice) are skipped, with the logs of their traces.
 */
public final class TraceImport {
    private final TelemetryIngest ingest;
    private final TraceSource stored;

    public TraceImport(TelemetryIngest ingest, TraceSource stored) {
        this.ingest = ingest;
        this.stored = stored;
    }

    /** Imports one file; a bad file is a failed report, never an exception. */
    public ImportReport importFile(Path file) throws InterruptedException {
        TraceFileContent content;
        try {
            content = TraceFileReader.read(file);
        } catch (TraceFileException e) {
            return ImportReport.failed(file, e.getMessage());
        } catch (IOException e) {
            return ImportReport.failed(file, "cannot read it: " + e.getMessage());
        }
        return store(file, content);
    }

    /** Stores content already read (the window reads once to show the trace at once). */
    public ImportReport store(Path file, TraceFileContent content) throws InterruptedException {
        List<String> skipped = new ArrayList<>(content.skipped());
        Map<String, Set<String>> storedSpanIds = new HashMap<>();
        List<String> traceIds = new ArrayList<>();
        for (Trace trace : content.traces()) {
            traceIds.add(trace.traceId());
            Optional<Trace> existing = stored.trace(trace.id());
            existing.ifPresent(found -> storedSpanIds.put(trace.traceId(), spanIds(found)));
        }
        List<Span> spans = new ArrayList<>(content.spans().size());
        int knownSpans = 0;
        for (Span span : content.spans()) {
            Set<String> known = storedSpanIds.get(span.traceId());
            if (known != null && known.contains(span.spanId())) {
                knownSpans++;
            } else {
                spans.add(span);
            }
        }
        List<LogRecord> logs = new ArrayList<>(content.logs().size());
        int knownLogs = 0;
        for (LogRecord log : content.logs()) {
            if (storedSpanIds.containsKey(log.traceId())) {
                knownLogs++;
            } else {
                logs.add(log);
            }
        }
        if (knownSpans > 0) {
            skipped.add(knownSpans + (knownSpans == 1 ? " span" : " spans") + " already in the store");
        }
        if (knownLogs > 0) {
            skipped.add(knownLogs + (knownLogs == 1 ? " log record" : " log records")
                    + " of traces already in the store");
        }
        try {
            write(new TelemetryBatch(spans, logs, List.of()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ImportReport.failed(file, "the store did not take it: " + cause.getMessage());
        }
        return new ImportReport(file, content.format(), spans.size(), logs.size(), traceIds, skipped, "");
    }

    /** One batch is one transaction; a busy store is waited for, not failed. */
    private void write(TelemetryBatch batch) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                ingest.accept(batch).toCompletableFuture().get();
                return;
            } catch (StoreSaturatedException busy) {
                Thread.sleep(busy.retryAfter().toMillis());
            }
        }
    }

    private static Set<String> spanIds(Trace trace) {
        Set<String> ids = new HashSet<>();
        trace.spans().forEach(span -> ids.add(span.spanId()));
        return ids;
    }
}
