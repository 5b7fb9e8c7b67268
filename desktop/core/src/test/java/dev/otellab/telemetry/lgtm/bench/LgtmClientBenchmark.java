package dev.otellab.telemetry.lgtm.bench;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.lab.embedded.LabServiceProcess;
import dev.otellab.lab.embedded.LabBackendSettings;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.lgtm.PrometheusProcess;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency of the LGTM clients' queries over loopback: Tempo and Loki against their recorded
 * answers (a real HTTP server; so this is client + HTTP + JSON mapping, not Tempo's or Loki's
 * own work), the SLI queries against a real Prometheus scraping a real lab-backend under
 * traffic. Each query: 20 warm-up runs, then 200 timed (p50 / p99 / max). Rerun: see
 * docs/benchmarks.md, section "LGTM clients".
 */
public final class LgtmClientBenchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 200;
    private static final String FAILING_TRACE = "1ff8005c23c9c3ff693332aabece5fe8";

    private LgtmClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("cores=%d java=%s load=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| query | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|");
        try (FixtureServer server = new FixtureServer()) {
            server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-service.json"));
            server.on("/api/traces/" + FAILING_TRACE, FixtureServer.fixture("tempo-2.7.2/rich-trace-by-id-error.json"));
            server.on("/loki/api/v1/query_range", request -> request.param("query").contains("trace_id"),
                    FixtureServer.fixture("loki-3.4.6/rich-query-range-by-trace-id.json"));
            server.on("/loki/api/v1/query_range", request -> !request.param("query").contains("trace_id"),
                    FixtureServer.fixture("loki-3.4.6/rich-query-range-service-categorized.json"));
            LgtmSources sources = LgtmSources.connect(LgtmEndpoints.none().withTempo(server.uri()).withLoki(server.uri()));
            TimeRange range = TimeRange.last(Duration.ofHours(1));
            measure("Tempo: trace by id (4 spans)", () -> sources.traces().trace(TraceId.parse(FAILING_TRACE)).orElseThrow());
            measure("Tempo: search service=checkout-svc, any time (3 traces, 8 searches)", () -> sources.traces().search(
                    TraceSearchCriteria.ANY.withService("checkout-svc"), TimeRange.all(), 20));
            measure("Loki: logs by trace id (1 record)", () -> sources.logs().query(LogFilter.forTrace(TraceId.parse(FAILING_TRACE)),
                    range, 100, QueryDirection.NEWEST_FIRST));
            measure("Loki: newest 100 of a service (3 records)", () -> sources.logs().query(
                    LogFilter.ALL.withServices(java.util.Set.of("checkout-svc")), range, 100, QueryDirection.NEWEST_FIRST));
        }
        tempoListing();
        if (args.length > 0 && args[0].equals("tempo")) {
            return;
        }
        prometheus();
    }

    /**
     * The default listing's growing windows (decision 0031) on the recorded order-* answers:
     * busy, the 30 s window holds the limit (2 searches); quiet, every window is empty (6).
     */
    private static void tempoListing() throws Exception {
        long now = 1796574744L;
        TimeRange fifteenMinutes = new TimeRange((now - 900) * 1_000_000_000L, now * 1_000_000_000L);
        try (FixtureServer busy = new FixtureServer(); FixtureServer quiet = new FixtureServer()) {
            busy.on("/api/search", FixtureServer.fixture("tempo-2.7.2/order-search-a-from-first-send.json"));
            busy.on("/api/search", request -> Long.parseLong(request.param("start")) >= now - 30,
                    FixtureServer.fixture("tempo-2.7.2/order-search-b-last-30s.json"));
            busy.on("/api/search", request -> Long.parseLong(request.param("start")) >= now - 10,
                    FixtureServer.fixture("tempo-2.7.2/order-search-c-last-10s.json"));
            quiet.on("/api/search", FixtureServer.fixture("tempo-2.7.2/order-search-c-last-10s.json"));
            TraceSource busyTempo = LgtmSources.connect(LgtmEndpoints.none().withTempo(busy.uri())).traces();
            TraceSource quietTempo = LgtmSources.connect(LgtmEndpoints.none().withTempo(quiet.uri())).traces();
            measure("Tempo: newest 20 of 15 min, 20 in the last 30 s (2 searches)",
                    () -> busyTempo.search(TraceSearchCriteria.ANY, fifteenMinutes, 20));
            measure("Tempo: newest 20 of 15 min, none (6 searches)",
                    () -> quietTempo.search(TraceSearchCriteria.ANY, fifteenMinutes, 20));
        }
    }

    private static void prometheus() throws Exception {
        Path dir = Files.createTempDirectory("lgtm-bench");
        String jar = System.getProperty("lab.backend.jar", "../../lab-backend/target/lab-backend.jar");
        try (FixtureServer collector = new FixtureServer();
             LabServiceProcess backend = LabServiceProcess.start(new LabBackendSettings(Path.of(jar).toAbsolutePath(),
                     "127.0.0.1", 0, dir.resolve("tasks.db"), collector.uri().toString(), "lab-backend",
                     Duration.ofSeconds(60), Map.of()), line -> { });
             PrometheusProcess prometheus = PrometheusProcess.start(dir, "lab-backend",
                     List.of("127.0.0.1:" + backend.baseUrl().getPort()));
             TrafficGenerator traffic = new TrafficGenerator(backend.baseUrl(),
                     new TrafficProfile(20, 0.05, 0.02, Duration.ofMillis(200)))) {
            traffic.start();
            Thread.sleep(30_000);
            LgtmSources sources = LgtmSources.connect(LgtmEndpoints.none().withPrometheus(prometheus.uri()),
                    LgtmClientSettings.DEFAULT, Duration.ofSeconds(5));
            TimeRange hour = TimeRange.last(Duration.ofHours(1));
            TimeRange fifteen = TimeRange.last(Duration.ofMinutes(15));
            measure("Prometheus: SLI of one service, 1 h at 15 s steps (10 queries)",
                    () -> sources.slis().sli("lab-backend", hour, Duration.ofSeconds(15)));
            measure("Prometheus: SLI of one service, 15 min at 15 s steps (10 queries)",
                    () -> sources.slis().sli("lab-backend", fifteen, Duration.ofSeconds(15)));
            measure("Prometheus: SLO status over 1 h (5 queries)",
                    () -> sources.slis().sloStatus("lab-backend", hour, SloTargets.DEFAULT));
            measure("Prometheus: services (1 query)", () -> sources.slis().services(hour));
            measure("Prometheus: latency exemplars, 1 h (1 query)",
                    () -> sources.latencyExemplars().latencyExemplars("lab-backend", hour));
            traffic.stop();
        }
    }

    /** Prints one table row: 20 warm-up calls, then p50 / p99 / max of 200 timed ones. */
    public static void measure(String name, java.util.concurrent.Callable<?> query) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            query.call();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.call();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", name, millis[RUNS / 2 - 1],
                millis[(int) Math.ceil(RUNS * 0.99) - 1], millis[RUNS - 1]);
        System.out.flush();
    }
}
