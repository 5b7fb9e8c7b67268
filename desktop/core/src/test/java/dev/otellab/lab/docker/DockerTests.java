package dev.otellab.lab.docker;

import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;
import dev.otellab.lab.docker.images.ImagePuller;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * What the Docker tests share: the engine (a missing engine skips the test unless
 * LAB_DOCKER_TESTS=required, as .ci/run sets it, makes it a failure), test stack files, free
 * ports and project names unique to one test.
 */
public final class DockerTests {
    public static final String STANDIN_IMAGE = "otel-lab-local/standin:1";
    public static final String PROMETHEUS_IMAGE = "otel-lab-local/prometheus:2.42";
    public static final String JRE_BASE_IMAGE = "jre-base:17";

    private DockerTests() {
    }

    public static DockerEngine engine() {
        try {
            DockerEngine engine = DockerEngineLocator.forThisProcess().locate();
            for (String image : new String[] {STANDIN_IMAGE, PROMETHEUS_IMAGE, JRE_BASE_IMAGE}) {
                if (!new ImagePuller(engine.client()).isPresent(image)) {
                    engine.close();
                    fail("Local image " + image + " is missing: run .ci/build-local-images");
                }
            }
            return engine;
        } catch (DockerEngineUnavailableException e) {
            if ("required".equals(System.getenv("LAB_DOCKER_TESTS"))) {
                fail("LAB_DOCKER_TESTS=required but " + e.getMessage());
            }
            Assumptions.abort("No Docker engine (set LAB_DOCKER_TESTS=required to make this a failure): " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    public static Path stackFile(String name) {
        try {
            return Path.of(DockerTests.class.getResource("stacks/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compose project name no other test (or helper on this machine) uses. */
    public static String uniqueProject(String purpose) {
        return "otellabtest-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
