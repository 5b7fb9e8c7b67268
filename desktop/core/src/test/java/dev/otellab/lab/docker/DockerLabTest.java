package dev.otellab.lab.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;
import dev.otellab.lab.docker.images.LabBackendImage;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.embedded.TelemetryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Docker mode end to end on the real engine: the real lab-backend image built by the console on
 * jre-base:17, the real Prometheus scraping it, a stand-in Collector.
 */
class DockerLabTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> environment = new HashMap<>();
    private final String projectName = DockerTests.uniqueProject("lab");
    /** One tag for the class: the first test builds it, the others find it current. */
    private static final String image = "otel-lab-test/lab-backend:" + UUID.randomUUID().toString().substring(0, 8);
    private DockerEngine engine;
    private TelemetryStore store;
    private DockerLab lab;

    @BeforeEach
    void setUp() {
        engine = DockerTests.engine();
        store = TelemetryStore.open(dir.resolve("store"));
        environment.put("COLLECTOR_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("PROMETHEUS_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("BACKEND_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("WEB_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("LAB_BACKEND_IMAGE", image);
        environment.put("LAB_BACKEND_DIR", LabBackendJar.path().getParent().getParent().toString());
        environment.put("JRE_BASE", DockerTests.JRE_BASE_IMAGE);
        lab = new DockerLab(settings(LabBackendJar.path()), store.traces(), store.logs(), store.slis(), store.serviceMap());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.reset();
            lab.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @AfterAll
    static void removeImage() {
        try (DockerEngine engine = DockerEngine.connect(DockerEngineLocator.forThisProcess().locate().host())) {
            engine.client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException | DockerEngineUnavailableException e) {
            // never built, or no engine to build it on
        }
    }

    @Test
    void startBuildsLabBackendAndBringsTheStackUp() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        List<LabStatus> statuses = new CopyOnWriteArrayList<>();
        RecordingListener progress = new RecordingListener();
        lab.addBackendOutputListener(output::add);
        lab.addStatusListener(statuses::add);
        lab.addProgressListener(progress);

        lab.start();

        assertThat(lab.status().parts()).extracting(part -> part.part())
                .containsExactly("otel-collector", "prometheus", "lab-backend", "lab-web");
        assertThat(lab.status().allHealthy()).as(lab.status().toString()).isTrue();
        assertThat(statuses).anyMatch(status -> status.part("lab-backend").state() == PartState.STARTING);
        assertThat(progress.steps).contains("Starting lab-backend").last().asString().startsWith("All 4 services");
        URI backend = URI.create("http://127.0.0.1:" + environment.get("BACKEND_PORT"));
        assertThat(lab.backendUrl()).contains(backend);
        assertThat(lab.telemetryEndpoint()).contains("http://127.0.0.1:" + environment.get("COLLECTOR_PORT"));
        assertThat(get(backend.resolve("/health")).statusCode()).isEqualTo(200);
        URI web = URI.create("http://127.0.0.1:" + environment.get("WEB_PORT"));
        assertThat(lab.webUrl()).contains(web);
        assertThat(get(web.resolve("/")).body()).contains("Lab tasks");
        assertThat(get(web.resolve("/api/stats")).body()).contains("\"total\"");
        assertThat(engine.client().inspectContainerCmd(projectName + "-lab-web-1").exec().getState().getHealth().getStatus())
                .isEqualTo("healthy");
        assertThat(engine.client().inspectImageCmd(image).exec().getConfig().getLabels())
                .containsEntry(LabBackendImage.JAR_SHA256_LABEL,
                        new LabBackendImage(engine.client(), image, Path.of("unused"), LabBackendJar.path(), Map.of()).jarSha256());
        assertThat(engine.client().inspectContainerCmd(projectName + "-otel-collector-1").exec()
                .getConfig().getEnv()).contains("ADMIN_PASSWORD=generated-for-the-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> !output.isEmpty());
        assertThat(lab.traces()).isSameAs(store.traces());

        Traffic traffic = lab.traffic().orElseThrow();
        traffic.start();
        // the traffic goes through lab-web: both services count it, each under its own job
        for (String job : List.of("lab-web", "lab-backend")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(URI.create("http://127.0.0.1:" + environment.get("PROMETHEUS_PORT")
                            + "/api/v1/query?query=sum(http_requests_total%7Bjob%3D%22" + job + "%22%7D)")).body())
                            .contains("\"status\":\"success\"").doesNotContain("\"result\":[]"));
        }
        traffic.stop();
    }

    @Test
    void buildsTheImageOnlyWhenItIsMissingOrOutOfDate() throws Exception {
        RecordingListener recording = new RecordingListener();
        try {
            engine.client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
            // not built yet by an earlier test
        }
        Path dockerfile = Path.of(environment.get("LAB_BACKEND_DIR"), "Dockerfile");
        LabBackendImage backendImage = new LabBackendImage(engine.client(), image, dockerfile, LabBackendJar.path(),
                Map.of("JRE_BASE", DockerTests.JRE_BASE_IMAGE));

        backendImage.ensure(recording);
        backendImage.ensure(recording);

        assertThat(recording.steps).containsExactly("Building image " + image + " from lab-backend.jar");
        assertThat(recording.buildOutput).anyMatch(line -> line.startsWith("Step ") && line.contains("FROM"))
                .anyMatch(line -> line.equals("Successfully tagged " + image));
        assertThat(backendImage.isCurrent()).isTrue();
        Path otherJar = dir.resolve("lab-backend.jar");
        Files.copy(LabBackendJar.path(), otherJar);
        Files.write(otherJar, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(new LabBackendImage(engine.client(), image, dockerfile, otherJar, Map.of()).isCurrent()).isFalse();
    }

    @Test
    void aBuildThatFailsSaysWhyWithTheBuildsLastLines() throws Exception {
        Path dockerfile = Path.of(environment.get("LAB_BACKEND_DIR"), "Dockerfile");
        String missingBase = "otel-lab-test-missing/jre:" + UUID.randomUUID().toString().substring(0, 8);
        LabBackendImage backendImage = new LabBackendImage(engine.client(), image + "-broken", dockerfile,
                LabBackendJar.path(), Map.of("JRE_BASE", missingBase));

        assertThatThrownBy(() -> backendImage.ensure(StackListener.NONE))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("Could not build image " + image + "-broken at step 'FROM ${JRE_BASE}' (JRE_BASE="
                        + missingBase + "): ");
    }

    @Test
    void aSecondStartReusesTheImageAndStopKeepsTheContainers() throws Exception {
        lab.start();
        lab.stop();

        assertThat(lab.status().parts()).extracting(part -> part.state()).containsOnly(PartState.STOPPED);
        assertThat(lab.backendUrl()).isEmpty();
        assertThat(lab.traffic()).isEmpty();
        assertThat(engine.client().inspectContainerCmd(projectName + "-lab-backend-1").exec()
                .getState().getRunning()).isFalse();

        RecordingListener recording = new RecordingListener();
        lab.addProgressListener(recording);
        lab.start();

        assertThat(recording.steps).noneMatch(step -> step.startsWith("Building image"));
        assertThat(recording.steps).noneMatch(step -> step.startsWith("Creating container"));
        assertThat(lab.status().allHealthy()).isTrue();
    }

    @Test
    void restartsLabBackendAndFollowsItsOutputAgain() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        lab.addBackendOutputListener(output::add);
        lab.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !output.isEmpty());
        output.clear();

        lab.restart("lab-backend");

        assertThat(lab.status().part("lab-backend").state()).isEqualTo(PartState.HEALTHY);
        await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().anyMatch(line -> line.contains("lab-backend listening")));
    }

    @Test
    void keepsFollowingLabBackendWhenItIsRestartedBehindTheConsolesBack() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        lab.addBackendOutputListener(output::add);
        lab.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> output.stream().anyMatch(line -> line.contains("lab-backend listening")));
        output.clear();

        engine.client().restartContainerCmd(projectName + "-lab-backend-1").exec();

        await().atMost(Duration.ofSeconds(60)).until(() -> output.stream().anyMatch(line -> line.contains("lab-backend listening")));
        assertThat(output).filteredOn(line -> line.contains("lab-backend listening")).hasSize(1);
    }

    @Test
    void withoutAnEngineStartSaysSoPlainly() {
        DockerLab withoutEngine = new DockerLab(settings(LabBackendJar.path())
                .withLocator(new DockerEngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent"), dir)),
                store.traces(), store.logs(), store.slis(), store.serviceMap());

        assertThatThrownBy(withoutEngine::start)
                .isInstanceOf(LabStartException.class)
                .hasMessageContaining("No Docker engine answers at unix:///nonexistent")
                .hasMessageEndingWith("Embedded mode works without Docker.");
        assertThat(withoutEngine.status().parts()).extracting(part -> part.state()).containsOnly(PartState.STOPPED);
    }

    @Test
    void aComposeFileItCannotReadIsAFailedPartAndTheReasonOnStart() throws Exception {
        Path broken = dir.resolve("compose.yaml");
        Files.writeString(broken, "services:\n  s:\n    ports: [oops]\n");
        DockerLab withBrokenFile = new DockerLab(new DockerLabSettings(broken, LabBackendJar.path(), "pw", Map.of(),
                Map.of(), Optional.empty(), Duration.ofSeconds(5), dev.otellab.lab.traffic.TrafficProfile.DEFAULT,
                DockerEngineLocator.forThisProcess()), store.traces(), store.logs(), store.slis(), store.serviceMap());

        assertThat(withBrokenFile.status().anyFailed()).isTrue();
        assertThatThrownBy(withBrokenFile::start).isInstanceOf(LabStartException.class)
                .hasMessageStartingWith(broken.toString() + ", service 's'");
    }

    private DockerLabSettings settings(Path jar) {
        return DockerLabSettings.of(DockerTests.stackFile("lab.yaml"), jar, "generated-for-the-test")
                .withEnvironment(environment)
                .withProjectName(projectName)
                .withReadyTimeout(Duration.ofSeconds(120));
    }

    private HttpResponse<String> get(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
