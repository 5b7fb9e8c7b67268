package dev.otellab.lab.docker;

import dev.otellab.lab.traffic.TrafficProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the console runs the stack in Docker mode.
 *
 * @param composeFile          stack/compose.yaml
 * @param backendJar           the lab-backend jar the lab-backend image is built from
 * @param grafanaAdminPassword passed to the file as GRAFANA_ADMIN_PASSWORD (see {@link GrafanaPassword})
 * @param environment          the ${VAR} values for the file (e.g. this process's environment, JRE_BASE)
 * @param imageOverrides       service -> image, e.g. local images for offline use
 * @param projectName          another compose project name than the file's (keeps test runs apart)
 * @param readyTimeout         how long one service may take from start to ready
 * @param traffic              the traffic generator's profile
 * @param locator              where to look for the engine
 */
public record DockerLabSettings(
        Path composeFile,
        Path backendJar,
        String grafanaAdminPassword,
        Map<String, String> environment,
        Map<String, String> imageOverrides,
        Optional<String> projectName,
        Duration readyTimeout,
        TrafficProfile traffic,
        DockerEngineLocator locator) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(3);

    public DockerLabSettings {
        environment = Map.copyOf(environment);
        imageOverrides = Map.copyOf(imageOverrides);
    }

    /** The stack as the file says, with this process's environment and the default engine locations. */
    public static DockerLabSettings of(Path composeFile, Path backendJar, String grafanaAdminPassword) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, System.getenv(), Map.of(),
                Optional.empty(), DEFAULT_READY_TIMEOUT, TrafficProfile.DEFAULT, DockerEngineLocator.forThisProcess());
    }

    public DockerLabSettings withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(extra);
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, merged, imageOverrides, projectName,
                readyTimeout, traffic, locator);
    }

    public DockerLabSettings withImageOverrides(Map<String, String> overrides) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, environment, overrides, projectName,
                readyTimeout, traffic, locator);
    }

    public DockerLabSettings withProjectName(String name) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, environment, imageOverrides,
                Optional.of(name), readyTimeout, traffic, locator);
    }

    public DockerLabSettings withReadyTimeout(Duration timeout) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, environment, imageOverrides,
                projectName, timeout, traffic, locator);
    }

    public DockerLabSettings withLocator(DockerEngineLocator otherLocator) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, environment, imageOverrides,
                projectName, readyTimeout, traffic, otherLocator);
    }

    /** The interpolation environment: {@link #environment} plus GRAFANA_ADMIN_PASSWORD. */
    Map<String, String> interpolationEnvironment() {
        Map<String, String> values = new HashMap<>(environment);
        values.put("GRAFANA_ADMIN_PASSWORD", grafanaAdminPassword);
        return values;
    }
}
