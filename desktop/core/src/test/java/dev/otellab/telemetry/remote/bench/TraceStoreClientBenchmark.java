package dev.otellab.telemetry.remote.bench;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.bench.LgtmClientBenchmark;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.remote.RemoteSources;
import dev.otellab.telemetry.zipkin.RealZipkin;
import org.awaitility.Awaitility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Latency of the Zipkin and Jaeger trace sources: Zipkin is a real zipkin-server 3.5.1 (in
 * memory) holding 100 new traces of 10 spans; Jaeger's API v3 answers are generated OTLP JSON
 * (20 traces of 10 spans) served over loopback, so that line is client + HTTP + OTLP decoding
 * only. Rerun: see docs/benchmarks.md, section "Zipkin and Jaeger clients".
 */
public final class TraceStoreClientBenchmark {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TRACES = 100;
    private static final int SPANS = 10;

    private TraceStoreClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("cores=%d java=%s load=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| query | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|");
        try (RealZipkin zipkin = RealZipkin.start()) {
            String service = "bench-" + hex(4);
            long now = System.currentTimeMillis() * 1_000L;
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < TRACES; t++) {
                String traceId = hex(16);
                ids.add(traceId);
                zipkin.post(zipkinTrace(traceId, service, now - t * 10_000L));
            }
            TraceSource traces = RemoteSources.connect(LgtmEndpoints.none().withTraceSource(Backend.ZIPKIN, zipkin.uri()))
                    .traces();
            TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(service);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> traces.search(criteria, TimeRange.last(Duration.ofMinutes(5)), TRACES).size() == TRACES);
            LgtmClientBenchmark.measure("Zipkin (real 3.5.1): trace by id (10 spans)",
                    () -> traces.trace(TraceId.parse(ids.get(RANDOM.nextInt(TRACES)))).orElseThrow());
            LgtmClientBenchmark.measure("Zipkin (real 3.5.1): search a service, limit 20 (of 100 traces x 10 spans)",
                    () -> traces.search(criteria, TimeRange.last(Duration.ofMinutes(5)), 20));
        }
        try (FixtureServer jaeger = new FixtureServer()) {
            long start = System.currentTimeMillis() * 1_000_000L;
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                ids.add(hex(16));
            }
            jaeger.on("/api/v3/traces", FixtureServer.Answer.json(jaegerAnswer(ids, start)));
            jaeger.on("/api/v3/traces/" + ids.get(0), FixtureServer.Answer.json(jaegerAnswer(ids.subList(0, 1), start)));
            TraceSource traces = RemoteSources.connect(LgtmEndpoints.none().withTraceSource(Backend.JAEGER, jaeger.uri()))
                    .traces();
            LgtmClientBenchmark.measure("Jaeger (API v3 answer): trace by id (10 spans)",
                    () -> traces.trace(TraceId.parse(ids.get(0))).orElseThrow());
            LgtmClientBenchmark.measure("Jaeger (API v3 answer): search, 20 traces x 10 spans",
                    () -> traces.search(TraceSearchCriteria.ANY, TimeRange.last(Duration.ofHours(1)), 20));
        }
        System.exit(0);
    }

    private static String zipkinTrace(String traceId, String service, long startMicros) {
        StringBuilder spans = new StringBuilder("[");
        String root = hex(8);
        for (int s = 0; s < SPANS; s++) {
            String id = s == 0 ? root : hex(8);
            spans.append(s == 0 ? "" : ",").append("""
                    {"traceId":"%s","id":"%s",%s"name":"op-%d","kind":"%s","timestamp":%d,"duration":%d,
                     "localEndpoint":{"serviceName":"%s"},"tags":{"http.route":"/tasks","n":"%d"}}"""
                    .formatted(traceId, id, s == 0 ? "" : "\"parentId\":\"" + root + "\",", s, s == 0 ? "SERVER" : "CLIENT",
                            startMicros + s * 100L, 5_000L - s * 100L, service, s));
        }
        return spans.append("]").toString();
    }

    private static String jaegerAnswer(List<String> traceIds, long startNanos) {
        StringBuilder spans = new StringBuilder();
        for (String traceId : traceIds) {
            String root = hex(8);
            for (int s = 0; s < SPANS; s++) {
                spans.append(spans.length() == 0 ? "" : ",").append("""
                        {"traceId":"%s","spanId":"%s",%s"name":"op-%d","kind":%d,"startTimeUnixNano":"%d",
                         "endTimeUnixNano":"%d","attributes":[{"key":"n","value":{"intValue":"%d"}}],"status":{}}"""
                        .formatted(traceId, s == 0 ? root : hex(8), s == 0 ? "" : "\"parentSpanId\":\"" + root + "\",", s,
                                s == 0 ? 2 : 3, startNanos + s * 100_000L, startNanos + 5_000_000L, s));
            }
        }
        return """
                {"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}}]},
                 "scopeSpans":[{"scope":{"name":"bench"},"spans":[%s]}]}]}}""".formatted(spans);
    }

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        id[0] |= 0x10;
        return HexFormat.of().formatHex(id);
    }
}
