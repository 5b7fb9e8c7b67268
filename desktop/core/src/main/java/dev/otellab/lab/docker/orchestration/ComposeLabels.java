package dev.otellab.lab.docker.orchestration;

import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels Docker Compose puts on what it creates; with them `docker compose ps`, Docker
 * Desktop and the console itself recognise the stack's containers, network and volumes.
 */
final class ComposeLabels {
    static final String PROJECT = "com.docker.compose.project";
    static final String SERVICE = "com.docker.compose.service";
    static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    static final String ONEOFF = "com.docker.compose.oneoff";
    static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    static final String CONFIG_HASH = "com.docker.compose.config-hash";
    static final String NETWORK = "com.docker.compose.network";
    static final String VOLUME = "com.docker.compose.volume";

    private ComposeLabels() {
    }

    static Map<String, String> container(ComposeProject project, ComposeService service, String configHash) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PROJECT, project.name());
        labels.put(SERVICE, service.name());
        labels.put(CONTAINER_NUMBER, "1");
        labels.put(ONEOFF, "False");
        labels.put(WORKING_DIR, project.workingDir().toString());
        labels.put(CONFIG_FILES, project.file().toAbsolutePath().toString());
        labels.put(CONFIG_HASH, configHash);
        return labels;
    }

    static Map<String, String> network(ComposeProject project) {
        return Map.of(PROJECT, project.name(), NETWORK, "default");
    }

    static Map<String, String> volume(ComposeProject project, String volume) {
        return Map.of(PROJECT, project.name(), VOLUME, volume);
    }
}
