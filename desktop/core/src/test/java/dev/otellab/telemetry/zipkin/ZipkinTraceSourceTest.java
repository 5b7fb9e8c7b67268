package dev.otellab.telemetry.zipkin;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.lgtm.ConnectionCheck;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import dev.otellab.telemetry.remote.RemoteSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Zipkin trace source against a real Zipkin server (zipkin-server 3.5.1, in memory): spans
 * POSTed to /api/v2/spans are read back through the console's port, search and trace by id.
 * Every run uses new trace ids and service names, so runs and classes sharing the server never meet.
 */
@ExtendWith(RealZipkin.Extension.class)
class ZipkinTraceSourceTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN = HexFormat.of().formatHex(RANDOM.generateSeed(3));
    private static final String FRONTEND = "frontend-" + RUN;
    private static final String BACKEND = "backend-" + RUN;
    private static final long NOW_MICROS = System.currentTimeMillis() * 1_000L;

    private static final String CHECKOUT = hex(16);
    private static final String HEALTH = hex(8); // a 64-bit Zipkin trace id
    private static final String ROOT = hex(8);
    private static final String CLIENT = hex(8);
    private static final String QUERY = hex(8);
    private static final String HEALTH_ROOT = hex(8);

    private static TraceSource traces;
    private static TraceTags tags;
    private static LgtmEndpoints endpoints;

    @BeforeAll
    static void sendSpans(RealZipkin zipkin) {
        long checkoutStart = NOW_MICROS - 5_000_000L;
        long healthStart = NOW_MICROS - 20_000_000L;
        zipkin.post("""
                [
                 {"traceId":"%1$s","id":"%2$s","name":"get /checkout","kind":"SERVER","timestamp":%5$d,"duration":250000,
                  "localEndpoint":{"serviceName":"%7$s","ipv4":"10.0.0.1"},"tags":{"http.method":"GET","http.route":"/checkout"}},
                 {"traceId":"%1$s","id":"%3$s","parentId":"%2$s","name":"post /orders","kind":"CLIENT","timestamp":%6$d,"duration":200000,
                  "localEndpoint":{"serviceName":"%7$s"},"remoteEndpoint":{"serviceName":"%8$s","ipv4":"10.0.0.2","port":8080},
                  "tags":{"http.method":"POST"}},
                 {"traceId":"%1$s","id":"%3$s","parentId":"%2$s","name":"post /orders","kind":"SERVER","shared":true,
                  "timestamp":%9$d,"duration":180000,"localEndpoint":{"serviceName":"%8$s"},"tags":{"http.method":"POST"}},
                 {"traceId":"%1$s","id":"%4$s","parentId":"%3$s","name":"select orders","kind":"CLIENT","timestamp":%10$d,
                  "duration":150000,"localEndpoint":{"serviceName":"%8$s"},"remoteEndpoint":{"serviceName":"postgres"},
                  "annotations":[{"timestamp":%11$d,"value":"retrying"}],
                  "tags":{"db.system":"postgresql","error":"connection reset","otel.scope.name":"jdbc","otel.scope.version":"2.1"}}
                ]""".formatted(CHECKOUT, ROOT, CLIENT, QUERY, checkoutStart, checkoutStart + 10_000, FRONTEND, BACKEND,
                checkoutStart + 15_000, checkoutStart + 20_000, checkoutStart + 60_000));
        zipkin.post("""
                [{"traceId":"%s","id":"%s","name":"get /health","kind":"SERVER","timestamp":%d,"duration":3000,
                  "localEndpoint":{"serviceName":"%s"},"tags":{"http.method":"GET"}}]"""
                .formatted(HEALTH, HEALTH_ROOT, healthStart, FRONTEND));
        endpoints = LgtmEndpoints.none().withTraceSource(Backend.ZIPKIN, zipkin.uri());
        var sources = RemoteSources.connect(endpoints);
        traces = sources.traces();
        tags = sources.traceTags();
        // Zipkin's in-memory store takes spans asynchronously after the 202
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.trace(TraceId.parse(CHECKOUT)).map(t -> t.spans().size()).orElse(0) == 4
                && traces.trace(TraceId.parse("0".repeat(16) + HEALTH)).isPresent());
    }

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        id[0] |= 0x10; // never all zeros, never a leading zero digit that Zipkin would drop
        return HexFormat.of().formatHex(id);
    }

    private static TimeRange lastMinute() {
        return TimeRange.last(Duration.ofMinutes(1));
    }

    private static TraceSearchCriteria ours() {
        return TraceSearchCriteria.ANY.withService(FRONTEND);
    }

    @Test
    void aTraceByIdMapsZipkinsModelToOurs() {
        Trace trace = traces.trace(TraceId.parse(CHECKOUT)).orElseThrow();

        Span root = span(trace, ROOT);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.serviceName()).isEqualTo(FRONTEND);
        assertThat(root.resource().attributes()).containsEntry(Resource.SERVICE_NAME, FRONTEND);
        assertThat(root.attributes()).containsEntry("http.method", "GET").containsEntry("http.route", "/checkout");
        assertThat(root.durationNanos()).isEqualTo(250_000_000L);
        assertThat(root.startUnixNano()).isEqualTo((NOW_MICROS - 5_000_000L) * 1_000L);
        assertThat(root.status()).isEqualTo(StatusCode.UNSET);

        Span client = span(trace, CLIENT);
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.parentSpanId()).isEqualTo(ROOT);
        assertThat(client.attributes()).containsEntry(ZipkinSpans.PEER_SERVICE, BACKEND)
                .containsEntry(ZipkinSpans.PEER_ADDRESS, "10.0.0.2").containsEntry(ZipkinSpans.PEER_PORT, 8080L);

        String serverHalf = ZipkinSpans.serverHalfId(CLIENT);
        Span server = span(trace, serverHalf);
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.parentSpanId()).as("the shared server half hangs under its client half").isEqualTo(CLIENT);
        assertThat(server.serviceName()).isEqualTo(BACKEND);
        assertThat(server.attributes()).containsEntry(ZipkinSpans.SHARED_ATTRIBUTE, true);

        Span query = span(trace, QUERY);
        assertThat(query.parentSpanId()).as("a child in the server's service belongs to the server half").isEqualTo(serverHalf);
        assertThat(query.status()).isEqualTo(StatusCode.ERROR);
        assertThat(query.statusMessage()).isEqualTo("connection reset");
        assertThat(query.attributes()).containsEntry("db.system", "postgresql").doesNotContainKey("error")
                .doesNotContainKey("otel.scope.name");
        assertThat(query.scope().name()).isEqualTo("jdbc");
        assertThat(query.scope().version()).isEqualTo("2.1");
        assertThat(query.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("retrying");
            assertThat(event.timeUnixNano()).isEqualTo((NOW_MICROS - 5_000_000L + 60_000) * 1_000L);
        });

        assertThat(trace.depthFirst()).extracting(node -> node.span().spanId()).containsExactly(ROOT, CLIENT, serverHalf, QUERY);
        assertThat(trace.errorCount()).isEqualTo(1);
        assertThat(trace.services()).containsExactly(FRONTEND, BACKEND);
    }

    @Test
    void aSixtyFourBitTraceIdIsPaddedAsOpenTelemetryPadsIt() {
        String padded = "0".repeat(16) + HEALTH;

        Trace trace = traces.trace(TraceId.parse(padded)).orElseThrow();

        assertThat(trace.traceId()).isEqualTo(padded);
        assertThat(trace.spans()).singleElement().satisfies(span -> {
            assertThat(span.traceId()).isEqualTo(padded);
            assertThat(span.name()).isEqualTo("get /health");
        });
    }

    @Test
    void anUnknownTraceIsEmpty() {
        assertThat(traces.trace(TraceId.parse(hex(16)))).isEmpty();
    }

    @Test
    void searchFindsWholeTracesNewestFirstWithExactCounts() {
        List<TraceSummary> found = traces.search(ours(), lastMinute(), 20);

        assertThat(found).extracting(TraceSummary::traceId).containsExactly(CHECKOUT, "0".repeat(16) + HEALTH);
        TraceSummary checkout = found.get(0);
        assertThat(checkout.rootService()).isEqualTo(FRONTEND);
        assertThat(checkout.rootName()).isEqualTo("get /checkout");
        assertThat(checkout.spanCount()).isEqualTo(4);
        assertThat(checkout.errorCount()).isEqualTo(1);
        assertThat(checkout.durationNanos()).isEqualTo(250_000_000L);
        assertThat(checkout.services()).containsExactlyInAnyOrder(FRONTEND, BACKEND);
    }

    @Test
    void searchCriteriaNarrowTheTraces() {
        assertThat(traces.search(ours().withErrorsOnly(true), lastMinute(), 20))
                .extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        assertThat(traces.search(ours().withSpanName("get /health"), lastMinute(), 20))
                .extracting(TraceSummary::traceId).containsExactly("0".repeat(16) + HEALTH);
        assertThat(traces.search(ours().withDuration(Duration.ofMillis(100), null), lastMinute(), 20))
                .extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        assertThat(traces.search(ours().withDuration(null, Duration.ofMillis(10)), lastMinute(), 20))
                .extracting(TraceSummary::traceId).containsExactly("0".repeat(16) + HEALTH);
        assertThat(traces.search(TraceSearchCriteria.ANY.withService(BACKEND).withAttributes(Map.of("db.system", "postgresql")),
                lastMinute(), 20)).extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        assertThat(traces.search(ours().withAttributes(Map.of("http.method", "DELETE")), lastMinute(), 20)).isEmpty();
    }

    @Test
    void theLimitAndTheRangeAreKept() {
        assertThat(traces.search(ours(), lastMinute(), 1)).extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        TimeRange beforeCheckout = new TimeRange((NOW_MICROS - 30_000_000L) * 1_000L, (NOW_MICROS - 10_000_000L) * 1_000L);
        assertThat(traces.search(ours(), beforeCheckout, 20)).extracting(TraceSummary::traceId)
                .containsExactly("0".repeat(16) + HEALTH);
    }

    @Test
    void theSearchFormGetsServicesAndSpanNames() {
        assertThat(tags.tagValues(Resource.SERVICE_NAME, lastMinute())).contains(FRONTEND, BACKEND);
        assertThat(((ZipkinTraceSource) traces).spanNames(FRONTEND)).containsExactly("get /checkout", "get /health",
                "post /orders");
        assertThat(tags.tagValues(dev.otellab.telemetry.client.WholeTraceSearch.SPAN_NAME, lastMinute())).contains("select orders", "get /health");
    }

    @Test
    void testConnectionNamesZipkinsVersion() {
        List<ConnectionCheck.Result> results = ConnectionCheck.run(endpoints);

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.backend()).isEqualTo(Backend.ZIPKIN);
            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(result.message()).isEqualTo("Zipkin 3.5.1");
        });
    }

    @Test
    void withoutLokiTheModeSaysPlainlyThatItHasNoLogs() {
        Optional<String> reason = RemoteSources.connect(endpoints).logs().unavailable();

        assertThat(reason).hasValueSatisfying(text -> assertThat(text).startsWith("This mode has no logs")
                .contains("Zipkin", "--loki"));
    }

    private static Span span(Trace trace, String id) {
        return trace.spans().stream().filter(span -> span.spanId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + id + " in " + trace.spans()));
    }
}
