package dev.otellab.lab.docker.compose;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of compose.yaml, interpolated and with paths resolved: only what the console
 * understands (see docs/decisions/0013-console-runs-compose-file.md).
 */
public record ComposeService(
        String name,
        String image,
        Optional<BuildSpec> build,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<PortMapping> ports,
        List<VolumeMount> volumes,
        Map<String, DependencyCondition> dependsOn,
        Optional<Healthcheck> healthcheck,
        Optional<URI> readyUrl,
        Optional<String> restart,
        Optional<String> user,
        Optional<String> stopSignal,
        Optional<Duration> stopGracePeriod) {

    public ComposeService {
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        dependsOn = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependsOn));
    }

    public ComposeService withImage(String otherImage) {
        return new ComposeService(name, otherImage, build, command, entrypoint, environment, ports, volumes,
                dependsOn, healthcheck, readyUrl, restart, user, stopSignal, stopGracePeriod);
    }
}
