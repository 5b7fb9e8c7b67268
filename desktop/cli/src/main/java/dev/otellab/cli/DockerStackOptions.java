package dev.otellab.cli;

import dev.otellab.lab.docker.compose.ComposeFileLocator;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.embedded.BackendJarLocator;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Docker lab a command is about: the compose file, image overrides per service and the
 * lab-backend jar, read the way Docker mode reads them (JRE_BASE and LAB_BACKEND_IMAGE come from
 * the environment, as for Docker mode).
 */
final class DockerStackOptions {
    @Option(names = "--compose-file", paramLabel = "FILE",
            description = "The stack's compose file (default: the console's stack/compose.yaml).")
    Path composeFile;

    @Option(names = "--image", paramLabel = "SERVICE=IMAGE",
            description = "Use IMAGE for SERVICE instead of the file's image, as the Docker lab does (repeatable).")
    Map<String, String> imageOverrides = new LinkedHashMap<>();

    @Option(names = "--backend-jar", paramLabel = "JAR",
            description = "The lab-backend jar lab-backend's image is built from (default: the console's own).")
    Path backendJar;

    /**
     * The Docker lab's settings. Only image names are read from them, and no image depends on
     * Grafana's password, so a one-off value satisfies the file's required GRAFANA_ADMIN_PASSWORD
     * without creating the user's password file.
     */
    DockerLabSettings settings() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        Path compose = composeFile != null ? composeFile.toAbsolutePath() : ComposeFileLocator.locate();
        Path jar = backendJar != null ? backendJar.toAbsolutePath() : BackendJarLocator.locate();
        return DockerLabSettings.of(compose, jar, Base64.getUrlEncoder().encodeToString(random))
                .withImageOverrides(imageOverrides);
    }
}
