package dev.otellab.telemetry.embedded.bench;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures the embedded service map (docs/benchmarks.md, "Service map"). Not a test: run with
 * <pre>
 * cd desktop/core && ../../mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx512m -cp %classpath dev.otellab.telemetry.embedded.bench.ServiceMapBenchmark"
 * </pre>
 * Argument: traces in the last 15 minutes (default 30000). Each trace is the three-tier lab
 * request: browser click and fetch, lab-web SERVER and CLIENT, lab-backend SERVER, an INTERNAL
 * business span and two SQL CLIENT spans (8 spans); one in 20 fails. Then times map() over the
 * last 15 minutes (median of 15 runs after 3 warm-ups) and over the last 5 minutes.
 */
public final class ServiceMapBenchmark {
    private static final long MS = 1_000_000L;

    private ServiceMapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int traces = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path dir = Files.createTempDirectory("service-map-bench");
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            long now = TimeRange.toNanos(Instant.now());
            long from = now - Duration.ofMinutes(15).toNanos();
            List<Span> batch = new ArrayList<>();
            for (int t = 0; t < traces; t++) {
                batch.addAll(trace(t, from + (long) t * (Duration.ofMinutes(15).toNanos() - 1_000 * MS) / traces, t % 20 == 0));
                if (batch.size() >= 4_096) {
                    store.accept(TelemetryBatch.ofSpans(batch)).toCompletableFuture().join();
                    batch = new ArrayList<>();
                }
            }
            store.accept(TelemetryBatch.ofSpans(batch)).toCompletableFuture().join();
            System.out.printf("stored %d traces, %d spans%n", traces, traces * 8L);
            for (Duration length : List.of(Duration.ofMinutes(15), Duration.ofMinutes(5))) {
                TimeRange range = TimeRange.last(length);
                long[] millis = new long[15];
                ServiceMap map = null;
                for (int run = -3; run < millis.length; run++) {
                    long start = System.nanoTime();
                    map = store.serviceMap().map(range);
                    if (run >= 0) {
                        millis[run] = (System.nanoTime() - start) / 1_000_000;
                    }
                }
                Arrays.sort(millis);
                System.out.printf("map over the last %s: median %d ms, min %d ms, max %d ms; %d nodes, %d edges,"
                                + " lab-web -> lab-backend %d calls%n", length, millis[millis.length / 2], millis[0],
                        millis[millis.length - 1], map.nodes().size(), map.edges().size(),
                        map.edge("lab-web", "lab-backend").orElseThrow().requests());
            }
        }
    }

    private static List<Span> trace(int n, long start, boolean fail) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceId = String.format("%016x%016x", random.nextLong(), n);
        String click = id(random);
        String fetch = id(random);
        String webServer = id(random);
        String webClient = id(random);
        String backendServer = id(random);
        String business = id(random);
        StatusCode status = fail ? StatusCode.ERROR : StatusCode.UNSET;
        Map<String, Object> sql = Map.of("db.system.name", "sqlite", "db.namespace", "tasks.db",
                "db.query.text", "SELECT id, title, done FROM tasks WHERE id = ?");
        return List.of(
                span(traceId, click, "", "lab-browser", "click Add", SpanKind.INTERNAL, start, 60, StatusCode.UNSET, Map.of()),
                span(traceId, fetch, click, "lab-browser", "fetch GET", SpanKind.CLIENT, start + MS, 55, status,
                        Map.of("server.address", "localhost")),
                span(traceId, webServer, fetch, "lab-web", "GET /api/tasks", SpanKind.SERVER, start + 2 * MS, 50, status,
                        Map.of("http.route", "/api/tasks", "http.response.status_code", fail ? 502L : 200L)),
                span(traceId, webClient, webServer, "lab-web", "GET", SpanKind.CLIENT, start + 3 * MS, 45, StatusCode.UNSET,
                        Map.of("server.address", "127.0.0.1", "server.port", 8080L)),
                span(traceId, backendServer, webClient, "lab-backend", "GET /api/tasks", SpanKind.SERVER, start + 4 * MS, 40,
                        status, Map.of("http.route", "/api/tasks", "http.response.status_code", fail ? 500L : 200L)),
                span(traceId, business, backendServer, "lab-backend", "list_tasks", SpanKind.INTERNAL, start + 5 * MS, 30,
                        StatusCode.UNSET, Map.of()),
                span(traceId, id(random), business, "lab-backend", "SELECT tasks", SpanKind.CLIENT, start + 6 * MS, 5,
                        StatusCode.UNSET, sql),
                span(traceId, id(random), business, "lab-backend", "SELECT tasks", SpanKind.CLIENT, start + 12 * MS, 5,
                        StatusCode.UNSET, sql));
    }

    private static String id(ThreadLocalRandom random) {
        return String.format("%016x", random.nextLong() | 1);
    }

    private static Span span(String traceId, String id, String parent, String service, String name, SpanKind kind,
                             long start, long millis, StatusCode status, Map<String, Object> attributes) {
        return new Span(traceId, id, parent, name, kind, service, start, start + millis * MS, status, "", attributes,
                List.of(), List.of(), new Resource(Map.of("service.name", service)), null);
    }
}
