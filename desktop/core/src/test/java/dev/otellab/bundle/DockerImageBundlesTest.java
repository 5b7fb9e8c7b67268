package dev.otellab.bundle;

import dev.otellab.lab.ImageBundles;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.DockerLabSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lab view's bundle actions say plainly what went wrong and write nothing when they cannot work. */
class DockerImageBundlesTest {
    @TempDir
    Path dir;

    private DockerImageBundles bundles(Path compose) {
        DockerLabSettings settings = DockerLabSettings.of(compose, dir.resolve("lab-backend.jar"), "pw")
                .withLocator(new DockerEngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent"), dir));
        return new DockerImageBundles(settings, "test");
    }

    @Test
    void withoutAnEngineExportSaysSoAndWritesNothing() throws Exception {
        Path file = dir.resolve("images.tar");

        ImageBundles.Outcome outcome = bundles(dir.resolve("compose.yaml")).export(file, fraction -> { });

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("Embedded mode works without Docker");
        assertThat(file).doesNotExist();
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void withoutAnEngineImportSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("images.tar"), "not a bundle");

        ImageBundles.Outcome outcome = bundles(dir.resolve("compose.yaml")).importFrom(file, fraction -> { });

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("Embedded mode works without Docker");
    }
}
