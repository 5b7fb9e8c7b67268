package dev.otellab.lab.docker;

import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.PortMapping;
import dev.otellab.lab.docker.compose.StackComposeFileContractTest;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker mode's trace source against the repository's stack/compose.yaml, without an engine:
 * Jaeger and Zipkin switch the jaeger-zipkin profile on (its services, the Collector's export
 * file), each choice's URL is the port the file publishes, and nothing is written before Start.
 */
class DockerLabTraceProfileTest {
    private static final Path STACK_FILE = StackComposeFileContractTest.STACK_FILE;

    @TempDir
    Path dir;

    private static ComposeProject read(DockerLabSettings settings, TraceSourceChoice traces) throws Exception {
        return ComposeFile.read(STACK_FILE, settings.interpolationEnvironment("test-password", traces));
    }

    private Path passwordFile() {
        return dir.resolve("config").resolve("grafana-admin-password");
    }

    private DockerLabSettings settings(Map<String, String> environment) {
        return new DockerLabSettings(STACK_FILE, LabBackendJar.path(), GrafanaPassword.keptIn(passwordFile()),
                environment, Map.of(), java.util.Optional.empty(), DockerLabSettings.DEFAULT_READY_TIMEOUT,
                dev.otellab.lab.traffic.TrafficProfile.DEFAULT, DockerEngineLocator.forThisProcess());
    }

    @Test
    void tempoRunsTheStackWithoutTheProfileJaegerAndZipkinTurnItOn() throws Exception {
        DockerLabSettings settings = settings(Map.of());

        ComposeProject tempo = read(settings, TraceSourceChoice.TEMPO);
        assertThat(tempo.service("jaeger")).isEmpty();
        assertThat(tempo.service("zipkin")).isEmpty();
        assertThat(tempo.service("otel-collector").orElseThrow().command()).contains(
                "--config=/etc/otelcol-contrib/traces-tempo.yaml");

        for (TraceSourceChoice choice : new TraceSourceChoice[] {TraceSourceChoice.JAEGER, TraceSourceChoice.ZIPKIN}) {
            ComposeProject profile = read(settings, choice);
            assertThat(profile.service("jaeger")).as(choice.name()).isPresent();
            assertThat(profile.service("zipkin")).as(choice.name()).isPresent();
            assertThat(profile.service("tempo")).as("Tempo still runs: the service graph and Grafana read it").isPresent();
            assertThat(profile.service("otel-collector").orElseThrow().command()).contains(
                    "--config=/etc/otelcol-contrib/traces-jaeger-zipkin.yaml");
        }
    }

    @Test
    void theProfileIsAddedToProfilesTheUserAlreadyNamed() {
        Map<String, String> environment = settings(Map.of("COMPOSE_PROFILES", "mine"))
                .interpolationEnvironment("pw", TraceSourceChoice.ZIPKIN);
        assertThat(environment).containsEntry("COMPOSE_PROFILES", "mine,jaeger-zipkin")
                .containsEntry("LAB_TRACE_EXPORT", "jaeger-zipkin").containsEntry("GRAFANA_ADMIN_PASSWORD", "pw");

        assertThat(settings(Map.of("COMPOSE_PROFILES", "jaeger-zipkin")).interpolationEnvironment("pw", TraceSourceChoice.JAEGER))
                .containsEntry("COMPOSE_PROFILES", "jaeger-zipkin");
        assertThat(settings(Map.of()).interpolationEnvironment("pw", TraceSourceChoice.TEMPO))
                .doesNotContainKeys("COMPOSE_PROFILES", "LAB_TRACE_EXPORT");
    }

    @Test
    void eachChoiceReadsTheBackendThatTheFilePublishesOnLoopback() throws Exception {
        ComposeProject project = read(settings(Map.of()), TraceSourceChoice.JAEGER);
        Map<TraceSourceChoice, String> service = Map.of(TraceSourceChoice.TEMPO, "tempo", TraceSourceChoice.JAEGER, "jaeger",
                TraceSourceChoice.ZIPKIN, "zipkin");
        for (TraceSourceChoice choice : TraceSourceChoice.values()) {
            LgtmEndpoints endpoints = LabEngines.dockerEndpoints(choice, null);
            Backend backend = LabEngines.traceBackend(choice);
            assertThat(endpoints.traceBackend()).isEqualTo(backend);
            PortMapping published = project.service(service.get(choice)).orElseThrow().ports().get(0);
            assertThat(backend.urlIn(endpoints)).as(choice.name())
                    .hasToString("http://" + published.hostIp() + ":" + published.hostPort());
            assertThat(endpoints.loki()).isEqualTo(LgtmEndpoints.dockerDefaults().loki());
            assertThat(endpoints.prometheus()).isEqualTo(LgtmEndpoints.dockerDefaults().prometheus());
        }
    }

    @Test
    void beforeStartTheLabWritesNothingAndShowsTheProfilesServicesOnceChosen() throws Exception {
        LgtmSources sources = LabEngines.lgtmSources(LabMode.DOCKER, LabEngines.dockerEndpoints(TraceSourceChoice.TEMPO, null));
        try (DockerLab lab = new DockerLab(settings(Map.of()), sources.traces(), sources.logs(), sources.slis(), sources.serviceMap())) {
            assertThat(lab.status().parts()).extracting(PartStatus::part).doesNotContain("jaeger", "zipkin");
            assertThat(lab.grafanaAdminPassword()).isEmpty();

            lab.useTraceSource(TraceSourceChoice.ZIPKIN);

            assertThat(lab.traceSource()).isEqualTo(TraceSourceChoice.ZIPKIN);
            assertThat(lab.status().parts()).extracting(PartStatus::part).contains("jaeger", "zipkin", "tempo", "loki");
            assertThat(lab.status().anyFailed()).isFalse();
        }
        assertThat(passwordFile()).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }
}
