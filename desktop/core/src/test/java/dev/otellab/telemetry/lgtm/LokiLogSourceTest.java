package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LokiLogSourceTest {
    private static final TimeRange RICH_RANGE = new TimeRange(1795595100_000000000L, 1795595200_000000000L);
    private static final String FAILING_TRACE = "1ff8005c23c9c3ff693332aabece5fe8";
    private static final String FAILING_SPAN = "b79b72e82e7a1210";
    private static final Instant NOW = Instant.ofEpochSecond(1795595170L);

    private final FixtureServer server = new FixtureServer();
    private final LgtmEndpoints endpoints = LgtmEndpoints.none().withLoki(server.uri()).withTempo(server.uri());
    private final LgtmClientSettings settings = new LgtmClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 0,
            Duration.ofMillis(50));
    private final LgtmHttp http = new LgtmHttp(endpoints, settings);
    private final LokiLogSource loki = new LokiLogSource(http, settings, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void queryRangeAsksForCategorizedLabelsAndMapsEveryField() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-service-categorized.json"));

        List<LogRecord> records = loki.query(LogFilter.ALL.withServices(Set.of("checkout-svc")), RICH_RANGE, 100,
                QueryDirection.NEWEST_FIRST);

        FixtureServer.Recorded request = server.lastRequest();
        assertThat(request.header("X-Loki-Response-Encoding-Flags")).isEqualTo("categorize-labels");
        assertThat(request.param("query")).isEqualTo("{service_name=\"checkout-svc\"}");
        assertThat(request.param("start")).isEqualTo("1795595100000000000");
        assertThat(request.param("end")).isEqualTo("1795595200000000000");
        assertThat(request.param("limit")).isEqualTo("100");
        assertThat(request.param("direction")).isEqualTo("backward");
        assertThat(records).extracting(LogRecord::body)
                .containsExactly("order 2 paid", "payment failed for order 1", "order 0 paid");
        LogRecord failed = records.get(1);
        assertThat(failed.timeUnixNano()).isEqualTo(1795595179194000000L);
        assertThat(failed.observedTimeUnixNano()).isEqualTo(1795595179194000000L);
        assertThat(failed.severityNumber()).isEqualTo(17);
        assertThat(failed.severity()).isEqualTo(Severity.ERROR);
        assertThat(failed.severityText()).isEqualTo("ERROR");
        assertThat(failed.serviceName()).isEqualTo("checkout-svc");
        assertThat(failed.traceId()).isEqualTo(FAILING_TRACE);
        assertThat(failed.spanId()).isEqualTo(FAILING_SPAN);
        assertThat(failed.attributes()).containsEntry("order_n", "1").containsEntry("service_version", "9.9.9")
                .containsEntry("flags", "1").doesNotContainKeys("trace_id", "span_id", "severity_number", "service_name");
        assertThat(failed.resource().serviceName()).isEqualTo("checkout-svc");
        assertThat(failed.resource().attributes()).containsEntry("deployment_environment_name", "hidden-check");
        assertThat(failed.scope().name()).isEqualTo("hidden-check");
        assertThat(failed.scope().version()).isEqualTo("1.0.0");
        assertThat(records.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(records.get(2).traceId()).isEqualTo("369dea44f7018d6885191a89b2115980");
    }

    @Test
    void oldestFirstIsAForwardQueryInTimeOrder() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-service-categorized.json"));

        List<LogRecord> records = loki.query(LogFilter.ALL, RICH_RANGE, 2, QueryDirection.OLDEST_FIRST);

        assertThat(server.lastRequest().param("direction")).isEqualTo("forward");
        assertThat(server.lastRequest().param("query")).isEqualTo("{service_name=~\".+\"}");
        assertThat(records).extracting(LogRecord::body).containsExactly("order 0 paid", "payment failed for order 1");
    }

    @Test
    void theFailingSpansLogIsFoundByTraceAndSpanIdAsStructuredMetadata() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-by-trace-id.json"));
        server.on("/api/traces/" + FAILING_TRACE, FixtureServer.fixture("tempo-2.7.2/rich-trace-by-id-error.json"));

        List<LogRecord> records = loki.query(LogFilter.forSpan(TraceId.parse(FAILING_TRACE), SpanId.parse(FAILING_SPAN)), RICH_RANGE, 100,
                QueryDirection.NEWEST_FIRST);

        assertThat(server.lastRequest().param("query"))
                .isEqualTo("{service_name=~\".+\"} | trace_id=\"" + FAILING_TRACE + "\" | span_id=\"" + FAILING_SPAN + "\"");
        Trace trace = new TempoTraceSource(http, java.time.Clock.systemUTC()).trace(TraceId.parse(FAILING_TRACE)).orElseThrow();
        assertThat(records).singleElement().satisfies(log -> {
            assertThat(log.body()).isEqualTo("payment failed for order 1");
            assertThat(log.severity()).isEqualTo(Severity.ERROR);
            Span span = trace.spans().stream().filter(s -> s.spanId().equals(log.spanId())).findFirst().orElseThrow();
            assertThat(span.name()).isEqualTo("charge card");
            assertThat(span.status()).isEqualTo(StatusCode.ERROR);
            assertThat(span.statusMessage()).isEqualTo("card declined");
            // without categorize-labels every field is a stream label: still mapped to its place
            assertThat(log.attributes()).containsEntry("order_n", "1");
        });
    }

    @Test
    void servicesSeverityAndTextBecomeEscapedLogQl() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-errors.json"));
        LogFilter filter = LogFilter.ALL.withServices(Set.of("checkout-svc", "a.svc")).withMinSeverity(Severity.ERROR)
                .withText("Payment (failed \"x\"");

        List<LogRecord> records = loki.query(filter, RICH_RANGE, 10, QueryDirection.NEWEST_FIRST);

        assertThat(server.lastRequest().param("query")).isEqualTo("{service_name=~\"a\\\\.svc|checkout-svc\"}"
                + " | detected_level=~\"error|fatal|critical\" |~ \"(?i)Payment \\\\(failed \\\"x\\\"\"");
        assertThat(records).extracting(LogRecord::spanId).containsExactly(FAILING_SPAN);
    }

    @Test
    void lokisParseErrorIsShownWithTheQuery() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/loki-query-range-bad-query.txt"));

        assertThatThrownBy(() -> loki.query(LogFilter.forTrace(TraceId.parse(FAILING_TRACE)), RICH_RANGE, 10, QueryDirection.NEWEST_FIRST))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageStartingWith("Loki at " + server.uri())
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING")
                .hasMessageContaining("| trace_id=\"" + FAILING_TRACE + "\"");
    }

    @Test
    void anUnboundedRangeIsClippedToWhatLokiAccepts() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-errors.json"));

        loki.query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST);

        long end = Long.parseLong(server.lastRequest().param("end"));
        long start = Long.parseLong(server.lastRequest().param("start"));
        assertThat(end).isEqualTo(TimeRange.toNanos(NOW.plusSeconds(60)));
        assertThat(end - start).isEqualTo(QueryRanges.LONGEST.toNanos());
    }

    @Test
    void liveTailDeliversRecordsAndResumesAfterTheServerDropsTheSocket() throws Exception {
        String first = tailMessage(List.of());
        String second = tailMessage(List.<String[]>of(new String[] {"1795595179300000000", "order 3 paid"}));
        server.tailSends(List.of(first), List.of(second));
        server.dropNextTails(1);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<List<LogRecord>> batches = new CopyOnWriteArrayList<>();

        Subscription tail = loki.tail(LogFilter.ALL.withServices(Set.of("checkout-svc")), batches::add, problems::add);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> batches.size() >= 2);

            List<FixtureServer.Recorded> connections = server.tailConnections();
            assertThat(connections).hasSize(2);
            assertThat(connections.get(0).param("query")).isEqualTo("{service_name=\"checkout-svc\"}");
            assertThat(connections.get(0).param("start")).isEqualTo(Long.toString(TimeRange.toNanos(NOW)));
            assertThat(connections.get(0).header("X-Loki-Response-Encoding-Flags")).isEqualTo("categorize-labels");
            assertThat(connections.get(1).param("start")).isEqualTo("1795595179209000000");
            assertThat(batches.get(0)).extracting(LogRecord::body)
                    .containsExactly("order 0 paid", "payment failed for order 1", "order 2 paid");
            assertThat(batches.get(0).get(1).spanId()).isEqualTo(FAILING_SPAN);
            assertThat(batches.get(1)).extracting(LogRecord::body).containsExactly("order 3 paid");
            assertThat(problems).singleElement().asString().startsWith("Loki at " + server.uri())
                    .contains("closed the live tail (1011 dropped by the test)");
        } finally {
            tail.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openTailCount() == 0);
        assertThat(batches).hasSize(2);
    }

    /** A tail message as Loki sends it: the recorded streams (plus extra entries) under "streams". */
    private static String tailMessage(List<String[]> extraEntries) throws Exception {
        JsonNode recorded = LgtmHttp.JSON.readTree(
                FixtureServer.resource("loki-3.4.6/rich-query-range-service-categorized.json"));
        ArrayNode streams = (ArrayNode) recorded.path("data").path("result").deepCopy();
        ArrayNode values = (ArrayNode) streams.get(0).path("values");
        for (String[] entry : extraEntries) {
            ArrayNode value = values.addArray().add(entry[0]).add(entry[1]);
            value.add(values.get(0).get(2).deepCopy());
        }
        ObjectNode message = LgtmHttp.JSON.createObjectNode();
        message.set("streams", streams);
        message.putNull("dropped_entries");
        return message.toString();
    }
}
