package dev.otellab.lab.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to launch lab-backend as a child process: which jar, where it listens, where its SQLite
 * file lives and where it sends OTLP (the console's receiver in embedded mode).
 */
public record LabBackendSettings(
        Path jar,
        String bindAddress,
        int port,
        Path database,
        String otlpEndpoint,
        String serviceName,
        Duration startTimeout,
        Map<String, String> extraEnvironment) {

    public static final int DEFAULT_PORT = 5000;
    public static final String DEFAULT_SERVICE_NAME = "lab-backend";

    public LabBackendSettings {
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }

    /** The OTEL_* and LAB_* variables the child gets (on top of the console's environment). */
    Map<String, String> environment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("LAB_BIND", bindAddress);
        env.put("LAB_PORT", Integer.toString(port));
        env.put("LAB_DB", database.toString());
        env.put("OTEL_SERVICE_NAME", serviceName);
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        // Spans should show in the console within a second, not the SDK's default 5 s.
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        env.put("OTEL_BLRP_SCHEDULE_DELAY", "200");
        env.put("OTEL_METRICS_EXPORTER", "none");
        env.putAll(extraEnvironment);
        return env;
    }
}
