package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.FixtureServer.Answer;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TempoTraceSourceTest {
    private static final TimeRange RICH_RANGE = TimeRange.between(Instant.ofEpochSecond(1795595100L),
            Instant.ofEpochSecond(1795595200L));
    private static final String FAILING_TRACE = "1ff8005c23c9c3ff693332aabece5fe8";

    private final FixtureServer server = new FixtureServer();
    private final TempoTraceSource tempo = new TempoTraceSource(new LgtmHttp(
            LgtmEndpoints.none().withTempo(server.uri()), LgtmClientSettings.DEFAULT.withRetries(0)), Clock.systemUTC());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void searchSendsTraceQlWithTheRangeInSecondsAndMapsEverySummaryField() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-service.json"));

        List<TraceSummary> found = tempo.search(TraceSearchCriteria.ANY.withService("checkout-svc"), RICH_RANGE, 20);

        FixtureServer.Recorded request = server.lastRequest();
        assertThat(request.param("q")).isEqualTo("{ resource.service.name = \"checkout-svc\" }");
        assertThat(request.param("start")).isEqualTo("1795595100");
        assertThat(request.param("end")).isEqualTo("1795595200");
        assertThat(request.param("limit")).isEqualTo("20");
        assertThat(found).extracting(TraceSummary::traceId).containsExactly(
                "f6d2b99fcc60c0ca4f6558eb5785eba9", FAILING_TRACE, "369dea44f7018d6885191a89b2115980");
        TraceSummary failing = found.get(1);
        assertThat(failing.rootService()).isEqualTo("checkout-svc");
        assertThat(failing.rootName()).isEqualTo("GET /checkout/{cart}");
        assertThat(failing.startUnixNano()).isEqualTo(1795595179178000000L);
        assertThat(failing.durationNanos()).as("durationMs 15, refined by its spans").isEqualTo(15_532_891L);
        assertThat(failing.spanCount()).isEqualTo(4);
        assertThat(failing.errorCount()).isEqualTo(2);
        assertThat(failing.services()).containsExactly("checkout-svc");
        assertThat(found.get(0).errorCount()).isZero();
        assertThat(found.get(2).durationNanos()).isEqualTo(16_232_801L);
    }

    @Test
    void everyCriterionBecomesTraceQlWithTheEmbeddedStoresMeaning() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-status-error.json"));
        TraceSearchCriteria criteria = new TraceSearchCriteria("checkout-svc", "charge \"card\"",
                Duration.ofMillis(10), Duration.ofNanos(2_500_000_001L), true,
                Map.of("http.response.status_code", "502", "cart id", "a\\b"));

        List<TraceSummary> found = tempo.search(criteria, RICH_RANGE, 5);

        assertThat(server.lastRequest().param("q")).isEqualTo("{ resource.service.name = \"checkout-svc\""
                + " && name =~ \"(?i).*charge \\\"card\\\".*\" && .\"cart id\" = \"a\\\\b\""
                + " && (.http.response.status_code = 502 || .http.response.status_code = \"502\") }"
                + " && { status = error } && { traceDuration >= 10ms && traceDuration <= 2500000001ns }");
        assertThat(found).singleElement().satisfies(trace -> {
            assertThat(trace.traceId()).isEqualTo(FAILING_TRACE);
            assertThat(trace.errorCount()).isEqualTo(2);
        });
    }

    @Test
    void resultsAreNewestFirstWithinTheRangeAndTheLimit() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-duration-spss10.json"));
        TimeRange lastTwo = new TimeRange(1795595179170000000L, 1795595179200000000L);

        List<TraceSummary> found = tempo.search(TraceSearchCriteria.ANY, lastTwo, 1);

        assertThat(server.lastRequest().param("q")).isEqualTo("{}");
        assertThat(found).extracting(TraceSummary::traceId).containsExactly("f6d2b99fcc60c0ca4f6558eb5785eba9");
    }

    @Test
    void anEmptyAnswerIsNoTraces() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql-empty.json"));

        assertThat(tempo.search(TraceSearchCriteria.ANY, RICH_RANGE, 20)).isEmpty();
    }

    @Test
    void theFailingTraceIsAFullSpanTreeWithStatusEventsAndAttributes() {
        server.on("/api/traces/" + FAILING_TRACE, FixtureServer.fixture("tempo-2.7.2/rich-trace-by-id-error.json"));

        Trace trace = tempo.trace(TraceId.parse(FAILING_TRACE.toUpperCase())).orElseThrow();

        assertThat(server.lastRequest().header("Accept")).isEqualTo("application/json");
        assertThat(trace.traceId()).isEqualTo(FAILING_TRACE);
        assertThat(trace.depthFirst()).extracting(node -> node.depth() + " " + node.span().name())
                .containsExactly("0 GET /checkout/{cart}", "1 load cart", "2 SELECT carts", "1 charge card");
        Span root = trace.rootSpan();
        assertThat(root.spanId()).isEqualTo("f265ceb1c3b6a39e");
        assertThat(root.parentSpanId()).isEmpty();
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.status()).isEqualTo(StatusCode.ERROR);
        assertThat(root.serviceName()).isEqualTo("checkout-svc");
        assertThat(root.startUnixNano()).isEqualTo(1795595179178000000L);
        assertThat(root.endUnixNano()).isEqualTo(1795595179193940955L);
        assertThat(root.attributes()).containsEntry("http.route", "/checkout/{cart}")
                .containsEntry("http.response.status_code", 502L).containsEntry("http.request.method", "GET");
        assertThat(root.resource().attributes()).containsEntry("service.version", "9.9.9")
                .containsEntry("deployment.environment.name", "hidden-check");
        assertThat(root.scope().name()).isEqualTo("hidden-check");
        assertThat(root.scope().version()).isEqualTo("1.0.0");

        Span charge = span(trace, "charge card");
        assertThat(charge.spanId()).isEqualTo("b79b72e82e7a1210");
        assertThat(charge.parentSpanId()).isEqualTo("f265ceb1c3b6a39e");
        assertThat(charge.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(charge.status()).isEqualTo(StatusCode.ERROR);
        assertThat(charge.statusMessage()).isEqualTo("card declined");
        assertThat(charge.events()).singleElement().satisfies(event -> {
            assertThat(event.isException()).isTrue();
            assertThat(event.timeUnixNano()).isEqualTo(1795595179183320226L);
            assertThat(event.attributes()).containsEntry("exception.type", "Error")
                    .containsEntry("exception.message", "card declined");
            assertThat((String) event.attributes().get("exception.stacktrace")).startsWith("Error: card declined\n");
        });
        assertThat(span(trace, "load cart").attributes()).containsEntry("cart.items", 3L);
        assertThat(span(trace, "SELECT carts").attributes()).containsEntry("db.system.name", "sqlite");
        assertThat(trace.errorCount()).isEqualTo(2);
        assertThat(trace.summary().durationNanos()).isEqualTo(15_940_955L);
    }

    @Test
    void anUnknownTraceIsEmpty() {
        server.on("/api/traces/00000000000000000000000000000abc",
                FixtureServer.fixture("tempo-2.7.2/tempo-trace-by-id-notfound.txt"));

        assertThat(tempo.trace(TraceId.parse("00000000000000000000000000000abc"))).isEmpty();
    }

    @Test
    void badTraceQlIsTempoSayingWhatIsWrongWithTheQuery() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql-bad-query.txt"));

        assertThatThrownBy(() -> tempo.search(TraceSearchCriteria.ANY.withService("x"), RICH_RANGE, 20))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageContaining("Tempo at " + server.uri())
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid TraceQL query: parse error at line 1, col 24")
                .hasMessageContaining("{ resource.service.name = \"x\" }");
    }

    @Test
    void anUnreachableTempoIsNamedWithItsUrl() {
        URI nowhere = URI.create("http://127.0.0.1:" + FreePort.find());
        TempoTraceSource unreachable = new TempoTraceSource(new LgtmHttp(LgtmEndpoints.none().withTempo(nowhere),
                LgtmClientSettings.DEFAULT.withRetries(0)), Clock.systemUTC());

        assertThatThrownBy(() -> unreachable.trace(TraceId.parse(FAILING_TRACE)))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageStartingWith("Tempo at " + nowhere + " is unreachable")
                .hasMessageContaining("trace " + FAILING_TRACE);
    }

    @Test
    void tagNamesAndValuesFeedTheSearchForm() {
        server.on("/api/search/tags", FixtureServer.fixture("tempo-2.7.2/tempo-search-tags.json"));
        server.on("/api/v2/search/tag/.service.name/values",
                FixtureServer.fixture("tempo-2.7.2/rich-tag-values-service-name-v2.json"));

        assertThat(tempo.tagNames(RICH_RANGE)).containsExactly("db.system", "http.method", "http.status_code",
                "service.name");
        assertThat(server.lastRequest().param("start")).isEqualTo("1795595100");
        assertThat(tempo.tagValues("service.name", RICH_RANGE)).containsExactly("bench-svc", "checkout-svc", "h3-probe");
    }

    private static Span span(Trace trace, String name) {
        return trace.depthFirst().stream().map(SpanNode::span).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow();
    }

}
