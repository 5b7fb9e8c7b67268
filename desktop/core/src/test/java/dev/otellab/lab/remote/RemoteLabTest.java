package dev.otellab.lab.remote;

import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.lgtm.FreePort;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.PrometheusProcess;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TelemetryQueryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Remote mode against recorded Tempo and Loki answers on a loopback server and a real
 * Prometheus: Start connects (every backend must answer), and the views read through the clients.
 */
class RemoteLabTest {
    @TempDir
    static Path dir;

    private static PrometheusProcess prometheus;
    private static FixtureServer recorded;

    @BeforeAll
    static void startBackends() throws Exception {
        PrometheusProcess.assumeInstalled();
        prometheus = PrometheusProcess.start(java.nio.file.Files.createDirectories(dir.resolve("prometheus")), "lab-backend", List.of());
        recorded = new FixtureServer();
        recorded.on("/api/status/buildinfo", FixtureServer.fixture("tempo-2.7.2/tempo-buildinfo.json"));
        recorded.on("/loki/api/v1/status/buildinfo", FixtureServer.fixture("loki-3.4.6/loki-buildinfo.json"));
        recorded.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-service.json"));
    }

    @AfterAll
    static void stopBackends() {
        if (recorded != null) {
            recorded.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static LgtmEndpoints reachable() {
        return new LgtmEndpoints(recorded.uri(), recorded.uri(), prometheus.uri(), null, LgtmEndpoints.Auth.NONE, "", null);
    }

    @Test
    void startConnectsToEveryBackendAndShowsItsVersion() throws Exception {
        RemoteLab lab = new RemoteLab(reachable());
        List<LabStatus> seen = new CopyOnWriteArrayList<>();
        lab.addStatusListener(seen::add);
        assertThat(lab.status().parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);

        lab.start();

        assertThat(lab.status().parts()).extracting(PartStatus::part).containsExactly("Tempo", "Loki", "Prometheus");
        assertThat(lab.status().allHealthy()).isTrue();
        assertThat(lab.status().part("Tempo").detail()).startsWith("Tempo v2.7.2 at " + recorded.uri());
        assertThat(seen).first().satisfies(status -> assertThat(status.parts()).extracting(PartStatus::state)
                .containsOnly(PartState.STARTING));
        assertThat(lab.backendUrl()).isEmpty();
        assertThat(lab.traffic()).isEmpty();

        lab.stop();
        assertThat(lab.status().parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);
    }

    @Test
    void aBackendThatDoesNotAnswerFailsTheStartAndSaysWhich() {
        URI closed = URI.create("http://127.0.0.1:" + FreePort.find());
        RemoteLab lab = new RemoteLab(reachable().withPrometheus(closed));

        assertThatThrownBy(lab::start)
                .isInstanceOf(LabStartException.class)
                .hasMessage("The remote stack did not answer: 1 of 3 backends failed")
                .satisfies(e -> assertThat(((LabStartException) e).details()).singleElement().asString()
                        .startsWith("Prometheus (" + closed + "): "));
        assertThat(lab.status().part("Prometheus").state()).isEqualTo(PartState.FAILED);
        assertThat(lab.status().part("Tempo").state()).isEqualTo(PartState.HEALTHY);
    }

    @Test
    void missingUrlsAreNamedBeforeAnythingIsAsked() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none().withTempo(recorded.uri()));
        int requestsBefore = recorded.requests().size();

        assertThatThrownBy(lab::start)
                .isInstanceOf(LabStartException.class)
                .hasMessage("Remote mode needs the URL of Loki, Prometheus");
        assertThat(recorded.requests()).hasSize(requestsBefore);
    }

    @Test
    void withJaegerAndNoLokiOnlyPrometheusIsMissingAndTheLogsSayThereAreNone() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none().withTraceSource(Backend.JAEGER, recorded.uri()));

        assertThatThrownBy(lab::start)
                .isInstanceOf(LabStartException.class)
                .hasMessage("Remote mode needs the URL of Prometheus");
        assertThat(lab.logs().unavailable()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("This mode has no logs: traces come from Jaeger"));
        assertThat(new RemoteLab(LgtmEndpoints.none()).logs().unavailable()).as("Tempo's mode reads Loki").isEmpty();
    }

    @Test
    void theViewsReadTheRemoteTempoAndAnUnsetBackendIsExplained() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none().withTempo(recorded.uri()));
        TimeRange range = TimeRange.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.now());

        assertThat(lab.traces().search(TraceSearchCriteria.ANY, range, 20)).isNotEmpty();
        assertThatThrownBy(() -> lab.slis().services(range))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageContaining("No Prometheus URL is set");
    }

    @Test
    void configureReplacesTheUrlsAndTheParts() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none());
        assertThat(lab.status().parts()).isEmpty();

        lab.configure(reachable().withGrafana(URI.create("http://127.0.0.1:3000")));

        assertThat(lab.status().parts()).extracting(PartStatus::part).containsExactly("Tempo", "Loki", "Prometheus", "Grafana");
        assertThat(lab.endpoints().grafana()).isEqualTo(URI.create("http://127.0.0.1:3000"));
    }
}
