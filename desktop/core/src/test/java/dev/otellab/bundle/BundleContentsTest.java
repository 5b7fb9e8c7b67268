package dev.otellab.bundle;

import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.docker.StackImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which images a bundle of the stack holds: what Start needs, with the Docker lab's overrides. */
class BundleContentsTest {
    @TempDir
    Path dir;

    private Path compose(String backendImage) throws IOException {
        Files.createDirectories(dir.resolve("backend"));
        Files.writeString(dir.resolve("backend/Dockerfile"), """
                # a comment
                ARG JRE_BASE=eclipse-temurin:17-jre
                FROM ${JRE_BASE} AS runtime
                COPY target/lab-backend.jar /app/
                """);
        return Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  tempo:
                    image: grafana/tempo:2.7.2
                  grafana:
                    image: grafana/grafana:12.4.3
                    environment:
                      PASSWORD: "${GRAFANA_ADMIN_PASSWORD:?required}"
                  tempo-again:
                    image: grafana/tempo:2.7.2
                  lab-backend:
                    image: "%s"
                    build:
                      context: backend
                      args:
                        JRE_BASE: "${JRE_BASE:-eclipse-temurin:17-jre}"
                """.formatted(backendImage));
    }

    private DockerLabSettings settings(Path compose, Map<String, String> environment) {
        return DockerLabSettings.of(compose, dir.resolve("lab-backend.jar"), "secret").withEnvironment(environment);
    }

    @Test
    void everyServiceImageOnceAndTheBuiltImageWithItsBase() throws Exception {
        StackImages stack = StackImages.of(settings(compose("${LAB_BACKEND_IMAGE:-otel-lab/lab-backend:latest}"),
                Map.of("JRE_BASE", "jre-base:17"))
                .withImageOverrides(Map.of("grafana", "otel-lab-local/standin:1")));

        assertThat(stack.images()).containsExactly(
                new StackImages.NeededImage("grafana/tempo:2.7.2", "service tempo", Optional.empty()),
                new StackImages.NeededImage("otel-lab-local/standin:1", "service grafana", Optional.empty()),
                new StackImages.NeededImage("otel-lab/lab-backend:latest", "service lab-backend", Optional.of("jre-base:17")),
                new StackImages.NeededImage("jre-base:17",
                        "base of otel-lab/lab-backend:latest (rebuilding it needs no network)", Optional.empty()));

        BundleContents contents = BundleContents.of(stack.images());
        assertThat(contents.groups()).extracting(BundleContents.Group::images).containsExactly(
                List.of("grafana/tempo:2.7.2"), List.of("otel-lab-local/standin:1"),
                List.of("otel-lab/lab-backend:latest", "jre-base:17"));
    }

    @Test
    void theDockerfilesDefaultBaseWhenNoBuildArgIsGiven() throws Exception {
        Path file = compose("otel-lab/lab-backend:latest");
        Files.writeString(file, Files.readString(file).replace("JRE_BASE: \"${JRE_BASE:-eclipse-temurin:17-jre}\"",
                "OTHER: x"));

        assertThat(StackImages.of(settings(file, Map.of())).images()).last()
                .isEqualTo(new StackImages.NeededImage("eclipse-temurin:17-jre",
                        "base of otel-lab/lab-backend:latest (rebuilding it needs no network)", Optional.empty()));
    }

    @Test
    void aMissingDockerfileIsAClearError() throws Exception {
        Path file = compose("otel-lab/lab-backend:latest");
        Files.delete(dir.resolve("backend/Dockerfile"));

        assertThatThrownBy(() -> StackImages.of(settings(file, Map.of())).images())
                .isInstanceOf(ComposeFileException.class)
                .hasMessageContainingAll(file.toString(), "service 'lab-backend'", "cannot read");
    }
}
