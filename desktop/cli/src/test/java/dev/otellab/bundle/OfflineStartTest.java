package dev.otellab.bundle;

import dev.otellab.cli.LabConsole;
import dev.otellab.lab.docker.DockerLab;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.docker.stack.ImagePullProgress;
import dev.otellab.lab.docker.stack.StackListener;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.telemetry.embedded.TelemetryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classroom path with the CLI on the real engine: `bundle export` of a stack (lab-backend
 * built by the export on a JRE base, a stand-in service), every image removed, `bundle import`,
 * then the Docker lab starts without pulling or building anything.
 */
class OfflineStartTest {
    @TempDir
    Path dir;

    private TestImages images;
    private String standin;
    private String jreBase;
    private String backend;
    private Path compose;
    private DockerLab lab;
    private TelemetryStore store;

    @BeforeEach
    void setUp() throws IOException {
        images = TestImages.onEngine();
        standin = images.tag("otel-lab-local/standin:1", "standin");
        jreBase = images.tag("jre-base:17", "jre");
        backend = images.reserve("lab-backend");
        int collectorPort = freePort();
        int backendPort = freePort();
        compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  otel-collector:
                    image: %1$s
                    command: ["httpd", "-f", "-p", "4318", "-h", "/www"]
                    ports: ["127.0.0.1:%4$d:4318"]
                    stop_signal: SIGKILL
                    x-lab-console:
                      ready: "http://127.0.0.1:%4$d/ready"
                  lab-backend:
                    image: %2$s
                    build:
                      context: "%6$s"
                      args:
                        JRE_BASE: %3$s
                    environment:
                      OTEL_SERVICE_NAME: lab-backend
                      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4318
                      OTEL_METRICS_EXPORTER: none
                    ports: ["127.0.0.1:%5$d:5000"]
                    depends_on:
                      otel-collector:
                        condition: service_started
                    x-lab-console:
                      ready: "http://127.0.0.1:%5$d/health"
                """.formatted(standin, backend, jreBase, collectorPort, backendPort,
                LabBackendJar.path().getParent().getParent()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.reset();
            lab.close();
        }
        if (store != null) {
            store.close();
        }
        if (images != null) {
            images.close();
        }
    }

    @Test
    void afterAnImportTheDockerLabStartsWithoutPullingOrBuilding() throws Exception {
        Path bundle = dir.resolve("classroom.bundle");
        String[] stack = {"--compose-file", compose.toString(), "--backend-jar", LabBackendJar.path().toString()};

        String exported = cli(0, concat(new String[] {"bundle", "export", bundle.toString()}, stack));
        assertThat(exported).contains("Building image " + backend, "Saving " + backend + " and " + jreBase, "Saving " + standin,
                "Wrote " + bundle);
        String backendId = images.id(backend).orElseThrow();
        assertThat(cli(0, "bundle", "inspect", bundle.toString())).contains(standin, backend, jreBase, "service lab-backend",
                "base of " + backend);

        List.of(standin, jreBase, backend).forEach(images::remove);
        assertThat(images.id(backend)).isEmpty();

        String imported = cli(0, concat(new String[] {"bundle", "import", bundle.toString()}, stack));
        assertThat(imported).containsPattern("loaded\\s+" + java.util.regex.Pattern.quote(backend) + "\\s")
                .contains("3 loaded, 0 replaced, 0 already here.",
                "The Docker lab can start with no network: every image it needs is here.");
        assertThat(images.id(backend)).contains(backendId);

        List<String> steps = new CopyOnWriteArrayList<>();
        store = TelemetryStore.open(dir.resolve("store"));
        lab = new DockerLab(DockerLabSettings.of(compose, LabBackendJar.path(), "unused-by-this-stack")
                .withProjectName(images.prefix).withReadyTimeout(Duration.ofSeconds(120)),
                store.traces(), store.logs(), store.slis(), store.serviceMap());
        lab.addProgressListener(new StackListener() {
            @Override
            public void step(String message) {
                steps.add(message);
            }

            @Override
            public void pullProgress(ImagePullProgress progress) {
                steps.add("pull " + progress.image());
            }

            @Override
            public void buildOutput(String line) {
                steps.add("build " + line);
            }
        });
        lab.start();

        assertThat(lab.status().allHealthy()).as(lab.status().toString()).isTrue();
        assertThat(steps).noneMatch(step -> step.startsWith("Pulling") || step.startsWith("pull ")
                || step.startsWith("Building") || step.startsWith("build "));
    }

    @Test
    void anImageThatIsNeitherHereNorPullableIsNamedAndNoFileIsWritten() throws Exception {
        String ghost = images.prefix + "/ghost:1";
        Path ghostCompose = Files.writeString(dir.resolve("ghost.yaml"), """
                services:
                  otel-collector:
                    image: %s
                  ghost:
                    image: %s
                """.formatted(standin, ghost));
        Path bundle = dir.resolve("ghost.bundle");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = LabConsole.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "bundle", "export", bundle.toString(), "--compose-file", ghostCompose.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("Cannot export the lab's images: Could not pull image " + ghost + ": ")
                .hasLineCount(1);
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(file -> file.getFileName().toString().contains("ghost.bundle"));
        }
    }

    private static String cli(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabConsole.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as("exit code of %s; out: %s; err: %s", List.of(args), out, err).isEqualTo(expectedExit);
        return out.toString();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
