package dev.otellab.lab.docker;

import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
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
 * @param grafanaAdminPassword passed to the file as GRAFANA_ADMIN_PASSWORD (see {@link GrafanaPassword}); made at
 *                             the first Start
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
        GrafanaPassword grafanaAdminPassword,
        Map<String, String> environment,
        Map<String, String> imageOverrides,
        Optional<String> projectName,
        Duration readyTimeout,
        TrafficProfile traffic,
        DockerEngineLocator locator) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(3);
    /**
     * GRAFANA_ADMIN_PASSWORD while the file is only read (its services listed, its images named)
     * before the first Start made the real one: no container is ever made with it.
     */
    static final String PASSWORD_MADE_AT_START = "made-at-the-first-start";

    public DockerLabSettings {
        environment = Map.copyOf(environment);
        imageOverrides = Map.copyOf(imageOverrides);
    }

    /** With a fixed Grafana admin password (tests, one-off reads of the file). */
    public DockerLabSettings(Path composeFile, Path backendJar, String grafanaAdminPassword, Map<String, String> environment,
                             Map<String, String> imageOverrides, Optional<String> projectName, Duration readyTimeout,
                             TrafficProfile traffic, DockerEngineLocator locator) {
        this(composeFile, backendJar, GrafanaPassword.fixed(grafanaAdminPassword), environment, imageOverrides,
                projectName, readyTimeout, traffic, locator);
    }

    /** The stack as the file says, with this process's environment and the default engine locations. */
    public static DockerLabSettings of(Path composeFile, Path backendJar, GrafanaPassword grafanaAdminPassword) {
        return new DockerLabSettings(composeFile, backendJar, grafanaAdminPassword, System.getenv(), Map.of(),
                Optional.empty(), DEFAULT_READY_TIMEOUT, TrafficProfile.DEFAULT, DockerEngineLocator.forThisProcess());
    }

    /** As {@link #of(Path, Path, GrafanaPassword)} with a fixed password. */
    public static DockerLabSettings of(Path composeFile, Path backendJar, String grafanaAdminPassword) {
        return of(composeFile, backendJar, GrafanaPassword.fixed(grafanaAdminPassword));
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

    /**
     * The interpolation environment to read the file only (list its services and images): the
     * password if the first Start made it already, traces from Tempo.
     */
    Map<String, String> interpolationEnvironment() {
        return interpolationEnvironment(grafanaAdminPassword.existing().orElse(PASSWORD_MADE_AT_START),
                TraceSourceChoice.TEMPO);
    }

    /**
     * The interpolation environment: {@link #environment} plus GRAFANA_ADMIN_PASSWORD; with Jaeger
     * or Zipkin as the trace source also the jaeger-zipkin profile (added to COMPOSE_PROFILES) and
     * LAB_TRACE_EXPORT, which makes the Collector send traces there too.
     */
    Map<String, String> interpolationEnvironment(String password, TraceSourceChoice traces) {
        Map<String, String> values = new HashMap<>(environment);
        values.put("GRAFANA_ADMIN_PASSWORD", password);
        if (traces.needsJaegerZipkinProfile()) {
            String profiles = values.getOrDefault("COMPOSE_PROFILES", "").strip();
            boolean named = java.util.Arrays.stream(profiles.split(",")).map(String::strip)
                    .anyMatch(TraceSourceChoice.JAEGER_ZIPKIN_PROFILE::equals);
            if (!named) {
                values.put("COMPOSE_PROFILES", profiles.isEmpty() ? TraceSourceChoice.JAEGER_ZIPKIN_PROFILE
                        : profiles + "," + TraceSourceChoice.JAEGER_ZIPKIN_PROFILE);
            }
            values.put("LAB_TRACE_EXPORT", TraceSourceChoice.JAEGER_ZIPKIN_PROFILE);
        }
        return values;
    }
}
