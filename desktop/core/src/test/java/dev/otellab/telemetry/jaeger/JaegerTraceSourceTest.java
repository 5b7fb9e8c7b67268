package dev.otellab.telemetry.jaeger;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.lgtm.ConnectionCheck;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.client.WholeTraceSearch;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.remote.RemoteSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Jaeger trace source against Jaeger v2's query API v3 over HTTP, on a loopback server.
 * No Jaeger binary runs on this machine: the answers below are written from the API's published
 * definition (jaeger-idl proto/api_v3/query_service.proto and its HTTP bindings): GetTrace and
 * FindTraces answer {"result": TracesData} in OTLP JSON with hex ids, GetServices
 * {"services": [...]}, GetOperations {"operations": [{"name", "spanKind"}]}, errors
 * {"error": {"grpcCode", "httpCode", "message", "httpStatus"}}.
 */
class JaegerTraceSourceTest {
    private static final String CHECKOUT = "5b8efff798038103d269b633813fc60c";
    private static final String HEALTH = "0af7651916cd43dd8448eb211c80319c";
    private static final long T0 = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli() * 1_000_000L;

    private final FixtureServer server = new FixtureServer();
    private LgtmSources sources;

    @BeforeEach
    void connect() {
        sources = RemoteSources.connect(LgtmEndpoints.none().withTraceSource(Backend.JAEGER, server.uri()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One TracesData with the checkout trace (frontend and backend, an error) and the health trace. */
    private static String tracesData(boolean withHealth) {
        String health = """
                ,{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}}]},
                  "scopeSpans":[{"scope":{"name":"http"},"spans":[
                   {"traceId":"%s","spanId":"b7ad6b7169203331","name":"GET /health","kind":2,
                    "startTimeUnixNano":"%d","endTimeUnixNano":"%d","status":{}}]}]}"""
                .formatted(HEALTH, T0 - 10_000_000_000L, T0 - 9_997_000_000L);
        return """
                {"result":{"resourceSpans":[
                 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}},
                                            {"key":"deployment.environment","value":{"stringValue":"lab"}}]},
                  "scopeSpans":[{"scope":{"name":"http","version":"1.0"},"spans":[
                   {"traceId":"%1$s","spanId":"00f067aa0ba902b7","name":"GET /checkout","kind":2,
                    "startTimeUnixNano":"%2$d","endTimeUnixNano":"%3$d",
                    "attributes":[{"key":"http.route","value":{"stringValue":"/checkout"}}],"status":{}},
                   {"traceId":"%1$s","spanId":"53995c3f42cd8ad8","parentSpanId":"00f067aa0ba902b7","name":"POST /orders",
                    "kind":3,"startTimeUnixNano":"%4$d","endTimeUnixNano":"%5$d","status":{}}]}]},
                 {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"backend"}}]},
                  "scopeSpans":[{"scope":{"name":"jdbc"},"spans":[
                   {"traceId":"%1$s","spanId":"a1b2c3d4e5f60718","parentSpanId":"53995c3f42cd8ad8","name":"select orders",
                    "kind":3,"startTimeUnixNano":"%4$d","endTimeUnixNano":"%5$d",
                    "events":[{"timeUnixNano":"%4$d","name":"exception",
                      "attributes":[{"key":"exception.message","value":{"stringValue":"connection reset"}}]}],
                    "status":{"code":2,"message":"connection reset"}}]}]}%6$s
                ]}}""".formatted(CHECKOUT, T0, T0 + 250_000_000L, T0 + 20_000_000L, T0 + 170_000_000L,
                withHealth ? health : "");
    }

    private static TimeRange hour() {
        return new TimeRange(T0 - 3_600_000_000_000L, T0 + 60_000_000_000L);
    }

    @Test
    void aTraceByIdIsOtlpJsonDecodedLikeTheReceiversOwn() {
        server.on("/api/v3/traces/" + CHECKOUT, FixtureServer.Answer.json(tracesData(false)));

        Trace trace = sources.traces().trace(TraceId.parse(CHECKOUT)).orElseThrow();

        assertThat(trace.depthFirst()).extracting(node -> node.span().name())
                .containsExactly("GET /checkout", "POST /orders", "select orders");
        Span root = trace.rootSpan();
        assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(root.serviceName()).isEqualTo("frontend");
        assertThat(root.resource().attributes()).containsEntry("deployment.environment", "lab");
        assertThat(root.attributes()).containsEntry("http.route", "/checkout");
        assertThat(root.scope().version()).isEqualTo("1.0");
        assertThat(root.durationNanos()).isEqualTo(250_000_000L);
        Span query = trace.spans().stream().filter(Span::isError).findFirst().orElseThrow();
        assertThat(query.serviceName()).isEqualTo("backend");
        assertThat(query.status()).isEqualTo(StatusCode.ERROR);
        assertThat(query.statusMessage()).isEqualTo("connection reset");
        assertThat(query.events()).singleElement().satisfies(event -> assertThat(event.isException()).isTrue());
    }

    @Test
    void anUnknownTraceIsEmpty() {
        server.on("/api/v3/traces/" + HEALTH, new FixtureServer.Answer(404, "application/json",
                "{\"error\":{\"grpcCode\":5,\"httpCode\":404,\"message\":\"trace not found\",\"httpStatus\":\"Not Found\"}}"));

        assertThat(sources.traces().trace(TraceId.parse(HEALTH))).isEmpty();
    }

    @Test
    void searchSendsTheQueryParametersOfFindTraces() {
        server.on("/api/v3/traces", FixtureServer.Answer.json(tracesData(true)));
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService("frontend").withSpanName("GET /checkout")
                .withDuration(Duration.ofMillis(100), null).withAttributes(Map.of("http.route", "/checkout"));

        List<TraceSummary> found = sources.traces().search(criteria, hour(), 20);

        assertThat(found).extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        FixtureServer.Recorded request = server.lastRequest();
        assertThat(request.param("query.service_name")).isEqualTo("frontend");
        assertThat(request.param("query.operation_name")).isEqualTo("GET /checkout");
        assertThat(request.param("query.attributes")).isEqualTo("{\"http.route\":\"/checkout\"}");
        assertThat(request.param("query.duration_min")).isEqualTo("100000000ns");
        assertThat(request.param("query.start_time_min")).isEqualTo("2026-12-06T09:00:00Z");
        assertThat(request.param("query.start_time_max")).isEqualTo("2026-12-06T10:01:00Z");
        assertThat(request.param("query.search_depth")).isEqualTo("20");
    }

    @Test
    void searchGroupsSpansIntoTracesCountsThemAndSortsNewestFirst() {
        server.on("/api/v3/traces", FixtureServer.Answer.json(tracesData(true)));

        List<TraceSummary> found = sources.traces().search(TraceSearchCriteria.ANY, hour(), 20);

        assertThat(found).extracting(TraceSummary::traceId).containsExactly(CHECKOUT, HEALTH);
        TraceSummary checkout = found.get(0);
        assertThat(checkout.rootService()).isEqualTo("frontend");
        assertThat(checkout.rootName()).isEqualTo("GET /checkout");
        assertThat(checkout.spanCount()).isEqualTo(3);
        assertThat(checkout.errorCount()).isEqualTo(1);
        assertThat(checkout.services()).containsExactlyInAnyOrder("frontend", "backend");
        assertThat(sources.traces().search(TraceSearchCriteria.ANY, hour(), 1)).extracting(TraceSummary::traceId)
                .containsExactly(CHECKOUT);
    }

    @Test
    void traceLevelCriteriaAreCheckedOnTheWholeTraces() {
        server.on("/api/v3/traces", FixtureServer.Answer.json(tracesData(true)));

        assertThat(sources.traces().search(TraceSearchCriteria.ANY.withErrorsOnly(true), hour(), 20))
                .extracting(TraceSummary::traceId).containsExactly(CHECKOUT);
        assertThat(sources.traces().search(TraceSearchCriteria.ANY.withDuration(null, Duration.ofMillis(10)), hour(), 20))
                .extracting(TraceSummary::traceId).containsExactly(HEALTH);
        assertThat(sources.traces().search(TraceSearchCriteria.ANY.withAttributes(Map.of("deployment.environment", "lab")),
                hour(), 20)).as("resource attributes match, as in Jaeger").extracting(TraceSummary::traceId)
                .containsExactly(CHECKOUT);
    }

    @Test
    void noMatchingTraceIsAnEmptyResult() {
        server.on("/api/v3/traces", new FixtureServer.Answer(404, "application/json",
                "{\"error\":{\"grpcCode\":5,\"httpCode\":404,\"message\":\"No traces found\",\"httpStatus\":\"Not Found\"}}"));

        assertThat(sources.traces().search(TraceSearchCriteria.ANY, hour(), 20)).isEmpty();
    }

    @Test
    void aRejectedQueryNamesJaegerAndWhatItSaid() {
        server.on("/api/v3/traces", new FixtureServer.Answer(400, "application/json",
                "{\"error\":{\"grpcCode\":3,\"httpCode\":400,\"message\":\"start time is required\",\"httpStatus\":\"Bad Request\"}}"));

        assertThatThrownBy(() -> sources.traces().search(TraceSearchCriteria.ANY, hour(), 20))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageStartingWith("Jaeger at " + server.uri())
                .hasMessageContaining("HTTP 400").hasMessageContaining("start time is required");
    }

    @Test
    void servicesAndOperationsFillTheSearchForm() {
        server.on("/api/v3/services", FixtureServer.Answer.json("{\"services\":[\"frontend\",\"backend\"]}"));
        server.on("/api/v3/operations", request -> "frontend".equals(request.param("service")), FixtureServer.Answer.json(
                "{\"operations\":[{\"name\":\"GET /checkout\",\"spanKind\":\"server\"},{\"name\":\"POST /orders\",\"spanKind\":\"client\"}]}"));
        server.on("/api/v3/operations", request -> "backend".equals(request.param("service")), FixtureServer.Answer.json(
                "{\"operations\":[{\"name\":\"select orders\",\"spanKind\":\"client\"}]}"));

        assertThat(sources.traceTags().tagNames(hour())).containsExactly(WholeTraceSearch.SPAN_NAME, Resource.SERVICE_NAME);
        assertThat(sources.traceTags().tagValues(Resource.SERVICE_NAME, hour())).containsExactly("backend", "frontend");
        assertThat(sources.traceTags().tagValues(WholeTraceSearch.SPAN_NAME, hour()))
                .containsExactly("GET /checkout", "POST /orders", "select orders");
    }

    @Test
    void testConnectionAsksForTheServices() {
        server.on("/api/v3/services", FixtureServer.Answer.json("{\"services\":[\"frontend\",\"backend\"]}"));

        List<ConnectionCheck.Result> results = ConnectionCheck.run(LgtmEndpoints.none().withTraceSource(Backend.JAEGER,
                server.uri()));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.ok()).isTrue();
            assertThat(result.message()).isEqualTo("Jaeger (query API v3, 2 services)");
        });
    }

    @Test
    void withoutLokiTheModeHasNoLogsAndSaysSo() {
        assertThat(sources.logs().unavailable()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("This mode has no logs").contains("Jaeger"));
        assertThatThrownBy(() -> sources.logs().query(null, hour(), 10, null))
                .isInstanceOf(TelemetryQueryException.class).hasMessageStartingWith("This mode has no logs");
    }
}
