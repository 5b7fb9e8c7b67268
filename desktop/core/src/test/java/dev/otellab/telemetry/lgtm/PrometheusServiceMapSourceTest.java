package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The map from Tempo 2.7's service-graph series as a real Prometheus answered them
 * (fixtures/tempo-2.7.2/servicegraph-*.json: 150 traces lab-web -> lab-backend -> sqlite "tasks",
 * 15 failed), served from a loopback HTTP server by the metric each query names.
 */
class PrometheusServiceMapSourceTest {
    /** The recorded run's instant query time and range start. */
    static final long RECORDED_AT = 1796574649L;
    static final long RECORDED_FROM = 1796574493L;

    private final FixtureServer prometheus = new FixtureServer();

    @AfterEach
    void close() {
        prometheus.close();
    }

    /** A source over the fixture server answering every service-graph query with its recording. */
    static PrometheusServiceMapSource recorded(FixtureServer server) {
        server.on("/api/v1/query", request -> request.param("query").contains(ServiceGraphPromQl.REQUESTS + "["),
                        FixtureServer.fixture("tempo-2.7.2/servicegraph-request-total.json"))
                .on("/api/v1/query", request -> request.param("query").contains(ServiceGraphPromQl.FAILED),
                        FixtureServer.fixture("tempo-2.7.2/servicegraph-request-failed-total.json"))
                .on("/api/v1/query", request -> request.param("query").contains(ServiceGraphPromQl.CLIENT_SECONDS),
                        FixtureServer.fixture("tempo-2.7.2/servicegraph-client-seconds-p95.json"))
                .on("/api/v1/query", request -> request.param("query").contains(ServiceGraphPromQl.SERVER_SECONDS),
                        FixtureServer.fixture("tempo-2.7.2/servicegraph-server-seconds-p95.json"));
        LgtmHttp http = new LgtmHttp(LgtmEndpoints.none().withPrometheus(server.uri()), LgtmClientSettings.DEFAULT);
        return new PrometheusServiceMapSource(http, Duration.ofMinutes(1),
                Clock.fixed(Instant.ofEpochSecond(RECORDED_AT), ZoneOffset.UTC));
    }

    static TimeRange recordedRange() {
        return TimeRange.between(Instant.ofEpochSecond(RECORDED_FROM), Instant.ofEpochSecond(RECORDED_AT));
    }

    @Test
    void theRecordedServiceGraphIsTheUserLabWebLabBackendAndTheDatabaseNamedByItsNamespace() {
        ServiceMap map = recorded(prometheus).map(recordedRange());

        double seconds = RECORDED_AT - RECORDED_FROM;
        assertThat(map.edges()).extracting(MapEdge::client, MapEdge::server, MapEdge::requests, MapEdge::errors)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lab-backend", "tasks", 150L, 0L),
                        org.assertj.core.groups.Tuple.tuple("lab-web", "lab-backend", 150L, 15L),
                        org.assertj.core.groups.Tuple.tuple("user", "lab-web", 150L, 15L));
        // the caller's latency, but the server's for the user (Tempo records 0 s on a virtual node's side)
        assertThat(map.edge("user", "lab-web").orElseThrow().p95Millis()).isCloseTo(764.7, within(0.1));
        assertThat(map.edge("lab-web", "lab-backend").orElseThrow().p95Millis()).isCloseTo(765.0, within(0.1));
        assertThat(map.edge("lab-backend", "tasks").orElseThrow().p95Millis()).isCloseTo(95.0, within(0.1));
        assertThat(map.edge("lab-web", "lab-backend").orElseThrow().ratePerSecond()).isCloseTo(150 / seconds, within(1e-9));
        // recorded without the stack's db_system_name dimension: Tempo 2.7 does not say "tasks" is a database
        assertThat(map.nodes()).containsExactly(
                new MapNode("lab-backend", NodeKind.SERVICE, 150, 15),
                new MapNode("lab-web", NodeKind.SERVICE, 150, 15),
                new MapNode("tasks", NodeKind.PEER, 150, 0),
                new MapNode("user", NodeKind.USER, 150, 15));
    }

    @Test
    void itAsksForIncreasesOverTheWholeRangeAtItsEnd() {
        recorded(prometheus).map(recordedRange());

        assertThat(prometheus.requests()).hasSize(4).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/api/v1/query");
            assertThat(request.param("time")).isEqualTo(RECORDED_AT + ".000");
            assertThat(request.param("query")).contains("[156000ms]");
        });
        assertThat(prometheus.requests()).extracting(request -> request.param("query")).contains(
                "sum by (client, server, connection_type, db_system_name, db_system)"
                        + " (increase(traces_service_graph_request_total[156000ms]))",
                "histogram_quantile(0.95, sum by (client, server, le)"
                        + " (increase(traces_service_graph_request_client_seconds_bucket[156000ms])))");
    }

    @Test
    void aPrometheusWithoutServiceGraphSeriesGivesAnEmptyMap() {
        prometheus.on("/api/v1/query", FixtureServer.Answer.json(
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        LgtmHttp http = new LgtmHttp(LgtmEndpoints.none().withPrometheus(prometheus.uri()), LgtmClientSettings.DEFAULT);

        ServiceMap map = new PrometheusServiceMapSource(http, Duration.ofMinutes(1), Clock.systemUTC())
                .map(TimeRange.last(Duration.ofMinutes(15)));

        assertThat(map.isEmpty()).isTrue();
    }

    @Test
    void aPrometheusThatIsNotThereIsAQueryErrorNamingIt() {
        LgtmHttp http = new LgtmHttp(LgtmEndpoints.none().withPrometheus(java.net.URI.create("http://127.0.0.1:"
                + FreePort.find())), LgtmClientSettings.DEFAULT);
        PrometheusServiceMapSource source = new PrometheusServiceMapSource(http, Duration.ofMinutes(1), Clock.systemUTC());

        assertThatThrownBy(() -> source.map(TimeRange.last(Duration.ofMinutes(15))))
                .isInstanceOf(TelemetryQueryException.class).hasMessageContaining("Prometheus");
    }
}
