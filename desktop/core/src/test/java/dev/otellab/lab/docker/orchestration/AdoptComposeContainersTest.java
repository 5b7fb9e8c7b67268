package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.model.Container;
import dev.otellab.lab.docker.DockerTests;
import dev.otellab.lab.docker.RecordingListener;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.stack.ServiceState;
import dev.otellab.lab.docker.stack.ServiceStatus;
import dev.otellab.lab.docker.stack.StackListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack exists already, made by Debian's docker-compose (v1): the console adopts it instead
 * of failing, and what the console makes, docker-compose recognises. The test shells out to
 * docker-compose to create the situation; the product never does.
 */
class AdoptComposeContainersTest {
    private DockerEngine engine;
    private StackOrchestrator orchestrator;
    private final Map<String, String> environment = new HashMap<>();
    private String projectName;
    private final Path file = DockerTests.stackFile("two-services.yaml");

    @BeforeEach
    void setUp() throws Exception {
        engine = DockerTests.engine();
        environment.put("WEB_PORT", String.valueOf(DockerTests.freePort()));
        environment.put("PROMETHEUS_PORT", String.valueOf(DockerTests.freePort()));
        projectName = DockerTests.uniqueProject("adopt");
        orchestrator = new StackOrchestrator(engine.client(),
                ComposeFile.read(file, environment).withName(projectName), Duration.ofSeconds(90));
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
    void adoptsContainersThatDockerComposeStarted() throws Exception {
        assertThat(dockerCompose("up", "-d").exitCode).as("docker-compose up").isZero();
        List<String> composeMade = containerIds();
        assertThat(composeMade).hasSize(2);

        RecordingListener recording = new RecordingListener();
        orchestrator.up(recording);

        assertThat(containerIds()).containsExactlyInAnyOrderElementsOf(composeMade);
        assertThat(recording.steps).filteredOn(step -> step.startsWith("Adopting")).hasSize(2);
        assertThat(recording.steps).noneMatch(step -> step.startsWith("Creating container"));
        assertThat(orchestrator.status()).extracting(ServiceStatus::state).containsOnly(ServiceState.HEALTHY);
    }

    @Test
    void dockerComposeSeesWhatTheConsoleMade() throws Exception {
        orchestrator.up(StackListener.NONE);

        Result ps = dockerCompose("ps", "-q");

        assertThat(ps.exitCode).isZero();
        assertThat(ps.output.lines().filter(line -> !line.isBlank()).toList())
                .containsExactlyInAnyOrderElementsOf(containerIds());
    }

    private List<String> containerIds() {
        return engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", projectName)).exec()
                .stream().map(Container::getId).toList();
    }

    private Result dockerCompose(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", projectName, "-f", file.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("docker-compose finished: " + output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
