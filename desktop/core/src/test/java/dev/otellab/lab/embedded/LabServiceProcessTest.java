package dev.otellab.lab.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabServiceProcessTest {
    @TempDir
    Path dir;

    /** Telemetry is not this test's subject: no exporters, so a stop never waits on an unreachable endpoint. */
    static final Map<String, String> NO_EXPORT = Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

    private LabBackendSettings settings(Path jar, int port, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(NO_EXPORT);
        env.putAll(extraEnv);
        return new LabBackendSettings(jar, "127.0.0.1", port, dir.resolve("db/tasks.db"),
                "http://127.0.0.1:9", "lab-backend", Duration.ofSeconds(60), env);
    }

    @Test
    void startsHealthyAndStopsCleanlyOnSigterm() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LabServiceProcess backend = LabServiceProcess.start(settings(LabBackendJar.path(), 0, Map.of()), lines::add);
        long pid = backend.pid();

        HttpResponse<String> tasks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(backend.baseUrl().resolve("/api/tasks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(backend.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("listening on"));

        int exitCode = backend.stopAndWait();

        assertThat(exitCode).isIn(0, 143);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> LabServiceProcess.start(settings(dir.resolve("absent.jar"), 0, Map.of()), line -> { }))
                .isInstanceOf(LabServiceStartException.class)
                .hasMessageContaining("lab-backend is not built")
                .hasMessageContaining("./mvnw -B -DskipTests package");
    }

    @Test
    void aBusyPortIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LabServiceProcess.start(settings(LabBackendJar.path(), port, Map.of()), line -> { }))
                    .isInstanceOf(LabServiceStartException.class)
                    .hasMessageContaining("Port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void anEarlyExitReportsTheCodeAndTheLastLines() {
        Map<String, String> badPort = Map.of("LAB_PORT", "not-a-port");

        assertThatThrownBy(() -> LabServiceProcess.start(settings(LabBackendJar.path(), 0, badPort), line -> { }))
                .isInstanceOfSatisfying(LabServiceStartException.class, e -> {
                    assertThat(e.getMessage()).contains("exited with code 2");
                    assertThat(String.join("\n", e.lastOutput())).containsIgnoringCase("not-a-port");
                });
    }

    @Test
    void theChildGetsTheOtlpAndLabVariables() {
        LabBackendSettings settings = new LabBackendSettings(Path.of("lab-backend.jar"), "127.0.0.1", 5000,
                Path.of("/data/tasks.db"), "http://127.0.0.1:4318", "lab-backend", null, Map.of());

        assertThat(settings.environment())
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
                .containsEntry("OTEL_SERVICE_NAME", "lab-backend")
                .containsEntry("OTEL_METRICS_EXPORTER", "none")
                .containsEntry("LAB_PORT", "5000")
                .containsEntry("LAB_DB", "/data/tasks.db");
        assertThat(URI.create(settings.otlpEndpoint()).getPort()).isEqualTo(4318);
    }

    @Test
    void labWebRunsFromTheSameJarPointedAtLabBackendAndTellsItsPageWhereToExport() {
        LabWebSettings settings = new LabWebSettings(Path.of("lab-backend.jar"), "127.0.0.1", 8000,
                URI.create("http://127.0.0.1:5000"), "http://127.0.0.1:4318", "http://127.0.0.1:4318", null, Map.of());

        assertThat(settings.mainClass()).contains("dev.otellab.web.LabWeb");
        assertThat(settings.portOption()).isEqualTo("--web-port");
        assertThat(settings.environment())
                .containsEntry("LAB_BACKEND_URL", "http://127.0.0.1:5000")
                .containsEntry("LAB_BROWSER_OTLP_URL", "http://127.0.0.1:4318")
                .containsEntry("OTEL_SERVICE_NAME", "lab-web")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
                .containsEntry("LAB_PORT", "8000");
    }

    @Test
    void aTakenWebPortNamesLabWebAndItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LabWebSettings settings = new LabWebSettings(LabBackendJar.path(), "127.0.0.1", taken.getLocalPort(),
                    URI.create("http://127.0.0.1:5000"), "http://127.0.0.1:4318", null, null, Map.of());

            assertThatThrownBy(() -> LabServiceProcess.start(settings, line -> { }))
                    .isInstanceOf(LabServiceStartException.class)
                    .hasMessageContaining("so lab-web cannot listen there")
                    .hasMessageContaining("--web-port");
        }
    }
}
