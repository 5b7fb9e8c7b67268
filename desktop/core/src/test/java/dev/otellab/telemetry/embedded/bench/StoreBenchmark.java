package dev.otellab.telemetry.embedded.bench;

import dev.otellab.telemetry.model.TraceId;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.otellab.telemetry.embedded.AttributeCodec;
import dev.otellab.telemetry.embedded.RetentionPolicy;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.StoreSize;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Measures the embedded store (docs/benchmarks.md, "Embedded store"). Not a test: run with
 * <pre>
 * cd desktop/core && ../../mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx512m -cp %classpath dev.otellab.telemetry.embedded.bench.StoreBenchmark"
 * </pre>
 * Arguments: [traces (100000)] [producer threads (2)] [store folder (a new temp folder)].
 * Ingests traces of 10 spans with 10 attributes each over the last hour, then 10 log records
 * per trace, and times the queries the views make.
 */
public final class StoreBenchmark {
    private static final int SPANS_PER_TRACE = 10;
    private static final int BATCH = 512;
    private static final int RUNS = 200;
    private static final String[] ROUTES = {"/api/tasks", "/api/tasks/{id}", "/api/users", "/api/users/{id}",
            "/api/orders", "/api/orders/{id}", "/health", "/api/simulate-slow"};
    private static final String[] MIDDLE = {"tasks", "checkout"};
    private static final InstrumentationScope SCOPE = new InstrumentationScope("io.opentelemetry.bench", "1.0");

    private final int traces;
    private final long from;
    private final long spacing;
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    private StoreBenchmark(int traces) {
        this.traces = traces;
        long now = TimeRange.toNanos(Instant.now());
        this.from = now - Duration.ofHours(1).toNanos();
        this.spacing = Duration.ofHours(1).toNanos() / traces;
        for (String service : List.of("frontend", "tasks", "checkout", "inventory")) {
            resources.put(service, new Resource(Map.of("service.name", service, "service.version", "1.4.2",
                    "host.name", "lab-host", "telemetry.sdk.language", "java", "telemetry.sdk.name", "opentelemetry",
                    "telemetry.sdk.version", "1.68.0", "process.pid", 4242L)));
        }
    }

    public static void main(String[] args) throws Exception {
        int traces = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int producers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("store-bench");
        new StoreBenchmark(traces).run(dir, producers);
    }

    private void run(Path dir, int producers) throws Exception {
        printMachine();
        codecComparison();
        StoreSettings settings = StoreSettings.DEFAULT
                .withRetention(new RetentionPolicy(Duration.ofDays(7), 16L << 30))
                .withPruneInterval(Duration.ofHours(1));
        HeapSampler heap = new HeapSampler();
        heap.start();
        try (TelemetryStore store = TelemetryStore.open(dir, settings)) {
            long spans = (long) traces * SPANS_PER_TRACE;
            CpuTimes before = CpuTimes.now();
            double seconds = ingest(store, producers, spans, this::spanBatch);
            CpuTimes spanCpu = CpuTimes.now().minus(before);
            System.out.printf(Locale.ROOT, "ingest spans: %,d spans in %.1f s = %,.0f spans/s (%d producer threads,"
                    + " batches of %d)%n", spans, seconds, spans / seconds, producers, BATCH);
            spanCpu.print("spans", spans);
            System.out.printf(Locale.ROOT, "heap: max %d MiB, peak used %d MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, heap.peak() >> 20);
            StoreSize size = store.size();
            System.out.printf(Locale.ROOT, "size after spans: %,d bytes used = %.0f bytes/span%n", size.usedBytes(),
                    (double) size.usedBytes() / spans);

            Random random = new Random(7);
            TimeRange lastHour = new TimeRange(from, from + Duration.ofHours(1).toNanos() + Duration.ofMinutes(1).toNanos());
            time("trace by id", () -> store.traces().trace(TraceId.parse(traceId(random.nextInt(traces)))).orElseThrow());
            time("search: any, limit 20", () -> store.traces().search(TraceSearchCriteria.ANY, lastHour, 20));
            time("search: service=checkout", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withService("checkout"), lastHour, 20));
            time("search: errors only", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withErrorsOnly(true), lastHour, 20));
            time("search: min duration 400ms", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withDuration(Duration.ofMillis(400), null), lastHour, 20));
            time("search: service+name", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withService("tasks").withSpanName("SELECT tasks"), lastHour, 20));
            time("search: attr tenant.id=tenant-7", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withAttributes(Map.of("tenant.id", "tenant-7")), lastHour, 20));
            time("search: errors + attr matching none", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withErrorsOnly(true).withAttributes(Map.of("tenant.id", "tenant-3")),
                    lastHour, 20));
            time("search: resource attr service.name=checkout", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withAttributes(Map.of("service.name", "checkout")), lastHour, 20));
            time("attribute names 1h (newest 2,000 spans)", () -> store.traceTags().tagNames(lastHour));
            time("attribute values tenant.id 1h", () -> store.traceTags().tagValues("tenant.id", lastHour));
            time("search: rare span name (span_name_traces)", () -> store.traces().search(
                    TraceSearchCriteria.ANY.withSpanName("no such span"), lastHour, 20));
            time("SLI tasks 1h/15s", () -> store.slis().sli("tasks", lastHour, Duration.ofSeconds(15)));
            time("SLO status tasks 1h", () -> store.slis().sloStatus("tasks", lastHour,
                    dev.otellab.telemetry.model.SloTargets.DEFAULT));
            time("services 1h", () -> store.slis().services(lastHour));

            long logs = (long) traces * 10;
            CpuTimes beforeLogs = CpuTimes.now();
            double logSeconds = ingest(store, producers, logs, this::logBatch);
            CpuTimes logCpu = CpuTimes.now().minus(beforeLogs);
            System.out.printf(Locale.ROOT, "ingest logs: %,d records in %.1f s = %,.0f records/s%n", logs, logSeconds,
                    logs / logSeconds);
            logCpu.print("log records", logs);
            System.out.printf(Locale.ROOT, "heap: peak used %d MiB%n", heap.peak() >> 20);
            time("logs by trace id", () -> store.logs().query(LogFilter.forTrace(TraceId.parse(traceId(random.nextInt(traces)))),
                    lastHour, 100, QueryDirection.NEWEST_FIRST));
            time("logs newest 100", () -> store.logs().query(LogFilter.ALL, lastHour, 100, QueryDirection.NEWEST_FIRST));
            time("logs service+warn, newest 100", () -> store.logs().query(LogFilter.ALL.withServices(java.util.Set.of("tasks"))
                    .withMinSeverity(dev.otellab.telemetry.model.Severity.WARN), lastHour, 100, QueryDirection.NEWEST_FIRST));
            time("logs text 'order 4242', newest 100", () -> store.logs().query(LogFilter.ALL.withText("ORDER 4242"),
                    lastHour, 100, QueryDirection.NEWEST_FIRST));
            StoreSize total = store.size();
            System.out.printf(Locale.ROOT, "size total: %,d bytes used (%,d file), %.0f bytes/log record%n",
                    total.usedBytes(), total.fileBytes(), (double) (total.usedBytes() - size.usedBytes()) / logs);
        } finally {
            heap.stop();
        }
    }

    private interface BatchMaker {
        TelemetryBatch make(long firstIndex, int count);
    }

    /** Feeds batches from several threads, at most 32 in flight each; saturation waits the hinted time. */
    private static double ingest(TelemetryStore store, int producers, long items, BatchMaker maker) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        for (int p = 0; p < producers; p++) {
            Thread thread = new Thread(() -> {
                Semaphore inFlight = new Semaphore(32);
                try {
                    while (true) {
                        long first = next.getAndAdd(BATCH);
                        if (first >= items) {
                            break;
                        }
                        TelemetryBatch batch = maker.make(first, (int) Math.min(BATCH, items - first));
                        inFlight.acquire();
                        while (true) {
                            try {
                                CompletableFuture<Void> done = store.accept(batch).toCompletableFuture();
                                done.whenComplete((ok, failure) -> {
                                    if (failure != null) {
                                        failures.add(failure);
                                    }
                                    inFlight.release();
                                });
                                break;
                            } catch (StoreSaturatedException e) {
                                Thread.sleep(Math.min(50, e.retryAfter().toMillis()));
                            }
                        }
                    }
                    inFlight.acquire(32);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("ingest failed", failures.get(0));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static String traceId(long n) {
        // Random-looking but reproducible ids, like real ones (no index locality).
        long mixed = n * 0x9E3779B97F4A7C15L;
        return HexFormat.of().toHexDigits(mixed ^ 0x5DEECE66DL) + HexFormat.of().toHexDigits(Long.reverse(mixed) | 1);
    }

    private static String spanId(long trace, int index) {
        return HexFormat.of().toHexDigits((trace << 4) | (index + 1));
    }

    private TelemetryBatch spanBatch(long firstIndex, int count) {
        List<Span> spans = new ArrayList<>(count);
        for (long i = firstIndex; i < firstIndex + count; i++) {
            long trace = i / SPANS_PER_TRACE;
            int index = (int) (i % SPANS_PER_TRACE);
            spans.add(span(trace, index));
        }
        return TelemetryBatch.ofSpans(spans);
    }

    private Span span(long trace, int index) {
        Random random = new Random(trace * 31 + index);
        String route = ROUTES[(int) (trace % ROUTES.length)];
        boolean error = trace % 50 == 7;
        String middle = MIDDLE[(int) (trace % 2)];
        long traceStart = from + trace * spacing;
        long traceDuration = Duration.ofMillis(20 + (trace * 7919) % 600).toNanos();
        String service;
        String name;
        SpanKind kind;
        int parent;
        long start;
        long duration;
        switch (index) {
            case 0 -> { service = "frontend"; name = "GET " + route; kind = SpanKind.SERVER; parent = -1;
                start = traceStart; duration = traceDuration; }
            case 1 -> { service = "frontend"; name = "GET"; kind = SpanKind.CLIENT; parent = 0;
                start = traceStart + traceDuration / 20; duration = traceDuration * 9 / 10; }
            case 2 -> { service = middle; name = "GET " + route; kind = SpanKind.SERVER; parent = 1;
                start = traceStart + traceDuration / 10; duration = traceDuration * 8 / 10; }
            case 3, 4, 5, 6 -> { service = middle; name = index == 3 ? "SELECT tasks" : "INSERT audit";
                kind = SpanKind.CLIENT; parent = 2; start = traceStart + traceDuration / 10 * (index - 1);
                duration = traceDuration / 20; }
            case 7 -> { service = middle; name = "validate"; kind = SpanKind.INTERNAL; parent = 2;
                start = traceStart + traceDuration / 8; duration = traceDuration / 50; }
            case 8 -> { service = middle; name = "GET"; kind = SpanKind.CLIENT; parent = 2;
                start = traceStart + traceDuration / 2; duration = traceDuration / 5; }
            default -> { service = "inventory"; name = "GET /api/stock"; kind = SpanKind.SERVER; parent = 8;
                start = traceStart + traceDuration / 2 + 1000; duration = traceDuration / 5 - 2000; }
        }
        boolean serverError = error && kind == SpanKind.SERVER && index != 9;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.request.method", "GET");
        attributes.put("http.route", route);
        attributes.put("http.response.status_code", serverError ? 500L : 200L);
        attributes.put("url.path", route.replace("{id}", Long.toString(trace % 1000)));
        attributes.put("server.address", service + ".lab.internal");
        attributes.put("server.port", 8080L);
        attributes.put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) lab-traffic/1.0");
        attributes.put("tenant.id", "tenant-" + (trace % 20));
        attributes.put("request.id", Long.toHexString(random.nextLong()));
        attributes.put("thread.name", "http-nio-8080-exec-" + (random.nextInt(10) + 1));
        return new Span(traceId(trace), spanId(trace, index), parent < 0 ? "" : spanId(trace, parent), name, kind,
                service, start, start + duration, serverError ? StatusCode.ERROR : StatusCode.UNSET, "", attributes,
                List.of(), List.of(), resources.get(service), SCOPE);
    }

    private TelemetryBatch logBatch(long firstIndex, int count) {
        List<LogRecord> logs = new ArrayList<>(count);
        for (long i = firstIndex; i < firstIndex + count; i++) {
            long trace = i / 10;
            int index = (int) (i % 10);
            String service = index < 3 ? "frontend" : MIDDLE[(int) (trace % 2)];
            long time = from + trace * spacing + index * 1_000_000L;
            int severity = index == 9 && trace % 50 == 7 ? 17 : index == 8 ? 13 : 9;
            logs.add(new LogRecord(time, time, severity, "", "Handled order " + trace + " step " + index
                    + " for tenant-" + (trace % 20), service, traceId(trace), spanId(trace, Math.min(index, 9)),
                    Map.of("logger.name", "dev.otellab.tasks.TaskController", "thread.name", "http-nio-8080-exec-3"),
                    resources.get(service), SCOPE));
        }
        return TelemetryBatch.ofLogs(logs);
    }

    private static void time(String what, Supplier<?> query) {
        if (Boolean.getBoolean("bench.ingestOnly")) {
            return;
        }
        for (int i = 0; i < 20; i++) {
            query.get(); // warm up the JIT and the page cache
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-40s p50 %7.2f ms   p99 %7.2f ms   (%d runs)%n", what,
                nanos[RUNS / 2 - 1] / 1e6, nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6, RUNS);
    }

    /**
     * Binary codec versus JSON (Jackson streaming) for the benchmark's 10-attribute map: rounds
     * alternate between the two and the fastest round of each counts (neighbours on a shared
     * machine only ever make a round slower).
     */
    private void codecComparison() {
        Map<String, Object> attributes = span(42, 3).attributes();
        JsonFactory json = new JsonFactory();
        int n = 200_000;
        long bestBinary = Long.MAX_VALUE;
        long bestJson = Long.MAX_VALUE;
        long binaryBytes = 0;
        long jsonBytes = 0;
        for (int round = 0; round < 8; round++) {
            long started = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += AttributeCodec.encode(attributes).length;
            }
            bestBinary = Math.min(bestBinary, System.nanoTime() - started);
            binaryBytes = bytes / n;
            started = System.nanoTime();
            bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += toJson(json, attributes).length;
            }
            bestJson = Math.min(bestJson, System.nanoTime() - started);
            jsonBytes = bytes / n;
        }
        System.out.printf(Locale.ROOT, "attribute encoding (10 attributes, best of 8 rounds): binary %d ns, %d bytes;"
                + " JSON %d ns, %d bytes%n", bestBinary / n, binaryBytes, bestJson / n, jsonBytes);
    }

    private static byte[] toJson(JsonFactory json, Map<String, Object> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> entry : attributes.entrySet()) {
                generator.writeFieldName(entry.getKey());
                if (entry.getValue() instanceof Long value) {
                    generator.writeNumber(value);
                } else {
                    generator.writeString(String.valueOf(entry.getValue()));
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void printMachine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst().map(line -> line.split(":", 2)[1].trim())
                .orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "machine: %d cpus, %s, %s, JDK %s%n", Runtime.getRuntime().availableProcessors(),
                cpu, memory, Runtime.version());
    }

    /**
     * CPU time of the store's writer thread and of the whole process: on a shared machine the
     * wall-clock rate depends on the neighbours, the writer's CPU time per item does not.
     */
    private record CpuTimes(long writerNanos, long checkpointNanos, long processNanos, long wallNanos) {
        static CpuTimes now() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long writer = 0;
            long checkpoint = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                long cpu = Math.max(0, threads.getThreadCpuTime(thread.getId()));
                if (thread.getName().equals("telemetry-store-writer")) {
                    writer += cpu;
                } else if (thread.getName().equals("telemetry-store-checkpointer")) {
                    checkpoint += cpu;
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuTimes(writer, checkpoint, process, System.nanoTime());
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(writerNanos - earlier.writerNanos, checkpointNanos - earlier.checkpointNanos,
                    processNanos - earlier.processNanos, wallNanos - earlier.wallNanos);
        }

        void print(String what, long items) {
            System.out.printf(Locale.ROOT, "  writer thread CPU %.2f s = %.1f us per item (%,.0f %s per writer CPU-second);"
                            + " checkpointer CPU %.2f s; whole process CPU %.2f s over %.2f s wall (%.0f%% of a core;"
                            + " load average %.1f)%n",
                    writerNanos / 1e9, writerNanos / 1e3 / items, items / (writerNanos / 1e9), what,
                    checkpointNanos / 1e9, processNanos / 1e9, wallNanos / 1e9, 100.0 * processNanos / wallNanos,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Samples used heap every 20 ms; reports the peak. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "heap-sampler");
        private volatile boolean running = true;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
        }

        long peak() {
            return peak.get();
        }

        private void sample() {
            while (running) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
