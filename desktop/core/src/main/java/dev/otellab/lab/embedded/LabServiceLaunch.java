package dev.otellab.lab.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How to launch one of the lab's services (lab-backend, lab-web) from lab-backend.jar as a child process. */
public interface LabServiceLaunch {

    /** The service's name, as in its telemetry and messages, e.g. lab-web. */
    String serviceName();

    Path jar();

    /** The class to run from the jar; empty runs the jar's own main (lab-backend). */
    Optional<String> mainClass();

    String bindAddress();

    /** 0 = any free port, announced by the service when it listens. */
    int port();

    /** The console option that chooses this port, named when the port is taken. */
    String portOption();

    Duration startTimeout();

    /** The OTEL_* and LAB_* variables the child gets (on top of the console's environment). */
    Map<String, String> environment();

    /**
     * Where this service's running child is recorded (pid and start time), so that a later run
     * finding its port taken can tell a stale child of ours from another program. By default
     * one file per service and port in the temporary folder.
     */
    default Path pidFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "otel-lab-console",
                serviceName() + "-" + port() + ".pid");
    }

    /** Makes what the service needs before it starts (e.g. its database folder). */
    default void prepare() throws IOException {
    }

    /** The telemetry variables both services get: where to export, and export quickly. */
    static Map<String, String> telemetryEnvironment(String serviceName, String otlpEndpoint) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("OTEL_SERVICE_NAME", serviceName);
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        // Spans should show in the console within a second, not the SDK's default 5 s.
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        env.put("OTEL_BLRP_SCHEDULE_DELAY", "200");
        env.put("OTEL_METRICS_EXPORTER", "none");
        return env;
    }
}
