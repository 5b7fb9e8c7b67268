package dev.otellab.lab.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real lab-backend jar, built earlier in the same Maven reactor. */
public final class LabBackendJar {
    private LabBackendJar() {
    }

    public static Path path() {
        String configured = System.getProperty("lab.backend.jar", "../../lab-backend/target/lab-backend.jar");
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(jar))
                .as("lab-backend jar at %s (build the whole project: ./mvnw -B verify)", jar)
                .isTrue();
        return jar;
    }
}
