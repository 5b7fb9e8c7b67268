package dev.otellab.lab.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
        Map<String, String> extraEnvironment) implements LabServiceLaunch {

    public static final int DEFAULT_PORT = 5000;
    public static final String DEFAULT_SERVICE_NAME = "lab-backend";

    public LabBackendSettings {
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }

    @Override
    public Optional<String> mainClass() {
        return Optional.empty();
    }

    @Override
    public String portOption() {
        return "--backend-port";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("LAB_BIND", bindAddress);
        env.put("LAB_PORT", Integer.toString(port));
        env.put("LAB_DB", database.toString());
        env.putAll(LabServiceLaunch.telemetryEnvironment(serviceName, otlpEndpoint));
        env.putAll(extraEnvironment);
        return env;
    }

    /** Next to the database, in the lab's data folder. */
    @Override
    public Path pidFile() {
        return database.toAbsolutePath().resolveSibling("lab-backend.pid");
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(database.toAbsolutePath().getParent());
    }
}
