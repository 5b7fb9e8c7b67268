package dev.otellab.lab.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildJvmOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theLabBackendJarNamesItsCollectorAndBoundsItsHeap() throws Exception {
        assertThat(ChildJvmOptions.of(LabBackendJar.path()))
                .contains("-XX:+UseSerialGC")
                .anyMatch(option -> option.startsWith("-Xmx"));
    }

    @Test
    void optionsAreSplitOnSpacesAndLinesAndCommentsAreLeftOut() throws Exception {
        Path jar = jarWith(ChildJvmOptions.ENTRY, "# why: see the decision\n-Xms8m  -Xmx64m\n\n  -XX:+UseSerialGC\n");

        assertThat(ChildJvmOptions.of(jar)).containsExactly("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC");
    }

    @Test
    void aJarWithoutTheListSaysToBuildItAgain() throws Exception {
        Path jar = jarWith("dev/otellab/backend/build-info.properties", "version=old\n");

        assertThatThrownBy(() -> ChildJvmOptions.of(jar))
                .isInstanceOf(LabServiceStartException.class)
                .hasMessageContaining(ChildJvmOptions.ENTRY)
                .hasMessageContaining("./mvnw -B -DskipTests package");
    }

    private Path jarWith(String entry, String text) throws IOException {
        Path jar = dir.resolve("service.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
