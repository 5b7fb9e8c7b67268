package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.otellab.lab.docker.DockerTests;
import dev.otellab.lab.docker.RecordingListener;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.PortMapping;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.stack.ServiceState;
import dev.otellab.lab.docker.stack.ServiceStatus;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The orchestrator against the real engine, on the local images (.ci/build-local-images). */
class StackOrchestratorTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RecordingListener recording = new RecordingListener();
    private DockerEngine engine;
    private DockerClient docker;
    private final Map<String, String> environment = new HashMap<>();
    private StackOrchestrator orchestrator;

    @BeforeEach
    void setUp() throws Exception {
        engine = DockerTests.engine();
        docker = engine.client();
        environment.put("WEB_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("PROMETHEUS_PORT", String.valueOf(DockerTests.freePort()));
        orchestrator = orchestrator(DockerTests.uniqueProject("orch"), Duration.ofSeconds(90));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (orchestrator != null) {
            orchestrator.reset(StackListener.NONE);
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void bringsServicesUpInOrderWaitingOnHealthcheckAndReadyUrl() throws Exception {
        orchestrator.up(recording);

        assertThat(orchestrator.status()).extracting(ServiceStatus::state)
                .containsExactly(ServiceState.HEALTHY, ServiceState.HEALTHY);
        ServiceStatus web = orchestrator.status().get(0);
        assertThat(web.health()).isEqualTo("healthy");
        assertThat(web.ports()).containsExactly(new PortMapping("127.0.0.1", port("WEB_PORT"), 8080, "tcp"));
        // prometheus depends on web being healthy: it was created only after web turned healthy
        int webHealthy = indexOf(recording.changes, "web", ServiceState.HEALTHY);
        assertThat(recording.steps).contains("Creating container " + project().containerName("prometheus"));
        // prometheus's first change may already be HEALTHY when it was ready at the first look
        assertThat(webHealthy).isLessThan(firstChangeOf(recording.changes, "prometheus"));
        assertThat(get("http://127.0.0.1:" + port("PROMETHEUS_PORT") + "/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void createsWhatComposeWouldWithItsLabelsAndNames() throws Exception {
        orchestrator.up(StackListener.NONE);
        ComposeProject project = project();

        InspectContainerResponse web = docker.inspectContainerCmd(project.containerName("web")).exec();
        assertThat(web.getConfig().getLabels())
                .containsEntry("com.docker.compose.project", project.name())
                .containsEntry("com.docker.compose.service", "web")
                .containsEntry("com.docker.compose.container-number", "1")
                .containsEntry("com.docker.compose.oneoff", "False")
                .containsEntry("com.docker.compose.project.config_files", project.file().toString())
                .containsKey("com.docker.compose.config-hash");
        assertThat(web.getConfig().getEnv()).contains("GREETING=hello");
        assertThat(web.getNetworkSettings().getNetworks().get(project.networkName()).getAliases()).contains("web");
        assertThat(docker.inspectVolumeCmd(project.volumeName("web-data")).exec().getLabels())
                .containsEntry("com.docker.compose.volume", "web-data");
        // the network alias works: Prometheus scrapes the stand-in as web:8080
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("http://127.0.0.1:" + port("PROMETHEUS_PORT") + "/api/v1/query?query=standin_up").body())
                        .contains("\"job\":\"web\"").contains("\"1\"]"));
    }

    @Test
    void followsAServicesLogUntilClosed() throws Exception {
        orchestrator.up(StackListener.NONE);
        List<String> lines = new CopyOnWriteArrayList<>();

        Closeable following = orchestrator.followLogs("web", 100, lines::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("web starting"));
        int before = lines.size();
        get("http://127.0.0.1:" + port("WEB_PORT") + "/ready");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() > before);
        following.close();

        assertThat(orchestrator.lastLogLines("web", 50)).contains("web starting");
    }

    @Test
    void stopKeepsVolumesSoARecreatedContainerFindsItsData() throws Exception {
        orchestrator.up(StackListener.NONE);
        String firstWeb = docker.inspectContainerCmd(project().containerName("web")).exec().getId();

        orchestrator.stop(recording);
        assertThat(orchestrator.status()).extracting(ServiceStatus::state).containsOnly(ServiceState.STOPPED);

        // another definition of web (its environment changed): the container is made anew
        environment.put("GREETING", "hello again");
        orchestrator = orchestrator(project().name(), Duration.ofSeconds(90));
        orchestrator.up(recording);

        String secondWeb = docker.inspectContainerCmd(project().containerName("web")).exec().getId();
        assertThat(secondWeb).isNotEqualTo(firstWeb);
        assertThat(get("http://127.0.0.1:" + port("WEB_PORT") + "/starts").body()).isEqualTo("start\nstart\n");
    }

    @Test
    void resetRemovesContainersNetworkAndVolumes() throws Exception {
        orchestrator.up(StackListener.NONE);
        ComposeProject project = project();

        orchestrator.reset(recording);

        assertThat(projectContainers(project.name())).isEmpty();
        assertThat(docker.listNetworksCmd().withNameFilter(project.networkName()).exec()).isEmpty();
        assertThatThrownBy(() -> docker.inspectVolumeCmd(project.volumeName("web-data")).exec())
                .isInstanceOf(NotFoundException.class);
        assertThat(orchestrator.status()).extracting(ServiceStatus::state).containsOnly(ServiceState.ABSENT);

        orchestrator.up(StackListener.NONE);
        assertThat(get("http://127.0.0.1:" + port("WEB_PORT") + "/starts").body()).isEqualTo("start\n");
    }

    @Test
    void restartsOneServiceAndWaitsUntilItIsReadyAgain() throws Exception {
        orchestrator.up(StackListener.NONE);

        orchestrator.restart("web", recording);

        assertThat(orchestrator.status().get(0).state()).isEqualTo(ServiceState.HEALTHY);
        assertThat(get("http://127.0.0.1:" + port("WEB_PORT") + "/starts").body()).isEqualTo("start\nstart\n");
    }

    @Test
    void aPortInUseIsNamedBeforeAnythingIsCreated() throws Exception {
        int webPort = port("WEB_PORT");
        try (ServerSocket holder = new ServerSocket(webPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(holder.isBound()).isTrue();
            assertThatThrownBy(() -> orchestrator.up(recording))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port 127.0.0.1:" + webPort + " (needed by web)")
                    .hasMessageContaining("in use");
        }
        assertThat(projectContainers(project().name())).isEmpty();
        assertThat(docker.listNetworksCmd().withNameFilter(project().networkName()).exec()).isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("name", List.of(project().name())).exec().getVolumes()).isNullOrEmpty();
    }

    @Test
    void aMissingImageThatCannotBePulledIsAnErrorNamingIt() throws Exception {
        String missing = "otel-lab-test-missing/nothing:" + project().name();
        orchestrator = new StackOrchestrator(docker, project().withImages(Map.of("prometheus", missing)), Duration.ofSeconds(30));

        assertThatThrownBy(() -> orchestrator.up(recording))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("Could not pull image " + missing + ": ");
        assertThat(projectContainers(project().name())).isEmpty();
    }

    @Test
    void aServiceThatNeverGetsReadyTimesOutNamingItWithItsLastLines() throws Exception {
        environment.put("PROMETHEUS_PORT", String.valueOf(DockerTests.freePort()));
        ComposeProject project = project();
        // Prometheus answers on its published port; the ready URL asks a port nobody listens on
        ComposeService prometheus = project.service("prometheus").orElseThrow();
        ComposeService neverReady = new ComposeService(prometheus.name(), prometheus.image(), prometheus.build(),
                prometheus.command(), prometheus.entrypoint(), prometheus.environment(), prometheus.ports(),
                prometheus.volumes(), prometheus.dependsOn(), prometheus.healthcheck(),
                java.util.Optional.of(URI.create("http://127.0.0.1:" + DockerTests.freePort() + "/ready")),
                prometheus.restart(), prometheus.user(), prometheus.stopSignal(), prometheus.stopGracePeriod());
        orchestrator = new StackOrchestrator(docker, new ComposeProject(project.name(), project.file(),
                List.of(project.service("web").orElseThrow(), neverReady), project.volumes()), Duration.ofSeconds(4));

        assertThatThrownBy(() -> orchestrator.up(StackListener.NONE))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("prometheus did not become ready within 4 s")
                .satisfies(e -> assertThat(((StackException) e).details()).anyMatch(line -> line.contains("Server is ready")));
    }

    @Test
    void cancellingTheWaitStopsUp() throws Exception {
        orchestrator = orchestrator(project().name(), Duration.ofMinutes(5));
        List<Throwable> outcome = new ArrayList<>();
        Thread starting = new Thread(() -> {
            try {
                orchestrator.up(recording);
            } catch (Exception e) {
                outcome.add(e);
            }
        });
        starting.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> recording.steps.stream().anyMatch(step -> step.startsWith("Starting")));
        starting.interrupt();
        starting.join(Duration.ofSeconds(30).toMillis());

        assertThat(starting.isAlive()).isFalse();
        assertThat(outcome).singleElement().isInstanceOf(InterruptedException.class);
    }

    private StackOrchestrator orchestrator(String projectName, Duration readyTimeout) throws ComposeFileException {
        ComposeProject project = ComposeFile.read(DockerTests.stackFile("two-services.yaml"), environment).withName(projectName);
        return new StackOrchestrator(docker, project, readyTimeout);
    }

    private ComposeProject project() {
        return orchestrator.project();
    }

    private int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    private List<Container> projectContainers(String project) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int firstChangeOf(List<ServiceStatus> changes, String service) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).service().equals(service)) {
                return i;
            }
        }
        throw new AssertionError("no change of " + service + " in " + changes);
    }

    private static int indexOf(List<ServiceStatus> changes, String service, ServiceState state) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).service().equals(service) && changes.get(i).state() == state) {
                return i;
            }
        }
        throw new AssertionError("no change of " + service + " to " + state + " in " + changes);
    }
}
