package dev.otellab.lab.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to launch lab-web, the lab's web front, as a child process: from lab-backend's jar (main
 * class {@value #MAIN_CLASS}), forwarding to lab-backend's URL, exporting to the receiver, and
 * telling its page where the browser's spans go.
 */
public record LabWebSettings(
        Path jar,
        String bindAddress,
        int port,
        URI backendUrl,
        String otlpEndpoint,
        String browserOtlpEndpoint,
        Duration startTimeout,
        Map<String, String> extraEnvironment) implements LabServiceLaunch {

    public static final String MAIN_CLASS = "dev.otellab.web.LabWeb";
    public static final String SERVICE_NAME = "lab-web";
    public static final int DEFAULT_PORT = 8000;

    public LabWebSettings {
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public Optional<String> mainClass() {
        return Optional.of(MAIN_CLASS);
    }

    @Override
    public String portOption() {
        return "--web-port";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("LAB_BIND", bindAddress);
        env.put("LAB_PORT", Integer.toString(port));
        env.put("LAB_BACKEND_URL", backendUrl.toString());
        if (browserOtlpEndpoint != null) {
            env.put("LAB_BROWSER_OTLP_URL", browserOtlpEndpoint);
        }
        env.putAll(LabServiceLaunch.telemetryEnvironment(SERVICE_NAME, otlpEndpoint));
        env.putAll(extraEnvironment);
        return env;
    }
}
