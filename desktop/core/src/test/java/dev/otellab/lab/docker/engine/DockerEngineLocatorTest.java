package dev.otellab.lab.docker.engine;

import dev.otellab.lab.docker.DockerTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerEngineLocatorTest {
    @TempDir
    Path home;

    @Test
    void aDockerHostThatDoesNotAnswerIsSaidPlainly() {
        DockerEngineLocator locator = new DockerEngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent"), home);

        assertThatThrownBy(locator::locate)
                .isInstanceOf(DockerEngineUnavailableException.class)
                .hasMessage("No Docker engine answers at unix:///nonexistent (set by DOCKER_HOST). Start Docker there, "
                        + "or correct or unset DOCKER_HOST, then press Start again. Embedded mode works without Docker.");
    }

    @Test
    void looksAtTheDefaultAndDockerDesktopSockets() {
        assertThat(new DockerEngineLocator(Map.of(), home).candidateSockets()).containsExactly(
                Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"));
    }

    @Test
    void findsThisMachinesEngine() throws Exception {
        try (DockerEngine engine = DockerTests.engine()) {
            assertThat(engine.client().versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }

    @Test
    void aTcpHostWhereNothingListensIsSaidPlainlyToo() {
        int closed = DockerTests.freePort();
        DockerEngineLocator locator = new DockerEngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closed), home);

        assertThatThrownBy(locator::locate)
                .isInstanceOf(DockerEngineUnavailableException.class)
                .hasMessageStartingWith("No Docker engine answers at tcp://127.0.0.1:" + closed)
                .hasMessageEndingWith("Embedded mode works without Docker.");
    }
}
