package dev.otellab.telemetry.files.bench;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.files.ImportReport;
import dev.otellab.telemetry.files.TraceFileContent;
import dev.otellab.telemetry.files.TraceFileReader;
import dev.otellab.telemetry.files.TraceFileWriter;
import dev.otellab.telemetry.files.TraceImport;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Not a test: imports a file of OTLP JSON lines (20 traces of 5,000 spans, each span with
 * lab-like attributes, one log record per 10 spans) into a fresh store, 5 times, each time
 * with new trace ids. Prints spans per second for reading the file and for the whole import
 * (read + one transaction). The command is in docs/benchmarks.md.
 */
public final class TraceImportBenchmark {
    private static final int TRACES = 20;
    private static final int SPANS_PER_TRACE = 5_000;
    private static final int RUNS = 5;
    private static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private TraceImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("trace-import-bench");
        try {
            System.out.println("spans per file: " + TRACES * SPANS_PER_TRACE + ", runs: " + RUNS);
            for (int run = 0; run < RUNS; run++) {
                Path file = folder.resolve("run" + run + ".jsonl");
                Files.writeString(file, TraceFileWriter.lines(traces()), StandardCharsets.UTF_8);
                long size = Files.size(file);
                long readStart = System.nanoTime();
                long readCpuStart = THREADS.getCurrentThreadCpuTime();
                TraceFileContent content = TraceFileReader.read(file);
                long readNanos = System.nanoTime() - readStart;
                long readCpu = THREADS.getCurrentThreadCpuTime() - readCpuStart;
                try (TelemetryStore store = TelemetryStore.open(folder.resolve("store" + run))) {
                    long start = System.nanoTime();
                    long cpuStart = PROCESS.getProcessCpuTime();
                    ImportReport report = new TraceImport(store, store.traces()).importFile(file);
                    long nanos = System.nanoTime() - start;
                    long cpu = PROCESS.getProcessCpuTime() - cpuStart;
                    if (!report.ok() || report.spans() != content.spans().size()) {
                        throw new IllegalStateException(report.describe());
                    }
                    System.out.printf(Locale.ROOT, "run %d: %.1f MB, %d spans + %d logs; read %,.0f spans/s; "
                                    + "(%,.0f spans per CPU second of the reading thread); import (read + store) %.2f s = %,.0f spans/s,"
                                    + " %,.0f spans per CPU second of the whole process%n", run + 1, size / 1e6,
                            report.spans(), report.logs(), content.spans().size() / (readNanos / 1e9),
                            content.spans().size() / (readCpu / 1e9), nanos / 1e9,
                            report.spans() / (nanos / 1e9), report.spans() / (cpu / 1e9));
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static List<TraceFileWriter.TraceWithLogs> traces() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Resource resource = new Resource(Map.of("service.name", "lab-backend", "host.name", "lab-host",
                "telemetry.sdk.language", "java"));
        InstrumentationScope scope = new InstrumentationScope("io.opentelemetry.jdbc", "2.31.1-alpha");
        long base = TimeRange.toNanos(Instant.now()) - 60_000_000_000L;
        List<TraceFileWriter.TraceWithLogs> traces = new ArrayList<>(TRACES);
        for (int t = 0; t < TRACES; t++) {
            String traceId = String.format("%016x%016x", random.nextLong() | 1, random.nextLong());
            List<Span> spans = new ArrayList<>(SPANS_PER_TRACE);
            List<LogRecord> logs = new ArrayList<>();
            String rootId = String.format("%016x", random.nextLong() | 1);
            spans.add(new Span(traceId, rootId, "", "GET /api/tasks", SpanKind.SERVER, "lab-backend", base,
                    base + 900_000_000L, StatusCode.UNSET, "", Map.of("http.route", "/api/tasks",
                    "http.request.method", "GET", "http.response.status_code", 200L), List.of(), List.of(), resource, scope));
            for (int i = 1; i < SPANS_PER_TRACE; i++) {
                String spanId = String.format("%016x", random.nextLong() | 1);
                long start = base + i * 150_000L;
                spans.add(new Span(traceId, spanId, rootId, "SELECT tasks", SpanKind.CLIENT, "lab-backend", start,
                        start + 100_000L, StatusCode.UNSET, "", Map.of("db.system", "sqlite",
                        "db.statement", "SELECT id, title, done FROM tasks WHERE id = ?", "db.rows", (long) i),
                        List.of(), List.of(), resource, scope));
                if (i % 10 == 0) {
                    logs.add(new LogRecord(start, start, 9, "INFO", "read task " + i, "lab-backend", traceId, spanId,
                            Map.of("logger", "tasks"), resource, scope));
                }
            }
            traces.add(new TraceFileWriter.TraceWithLogs(new Trace(traceId, spans), logs));
        }
        return traces;
    }
}
