package dev.otellab.lab.docker.compose;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's stack/compose.yaml, read the way the console reads it, keeps to the contract
 * between the stack and the console (docs/decisions/0013-console-runs-compose-file.md). Runs as
 * soon as the file is in the repository.
 */
public class StackComposeFileContractTest {
    public static final Path STACK_FILE = Path.of("..", "..", "stack", "compose.yaml").toAbsolutePath().normalize();
    private static final Map<String, List<String>> PORTS = Map.of(
            "otel-collector", List.of("127.0.0.1:4317->4317/tcp", "127.0.0.1:4318->4318/tcp"),
            "tempo", List.of("127.0.0.1:3200->3200/tcp"),
            "loki", List.of("127.0.0.1:3100->3100/tcp"),
            "prometheus", List.of("127.0.0.1:9090->9090/tcp"),
            "grafana", List.of("127.0.0.1:3000->3000/tcp"),
            "lab-backend", List.of("127.0.0.1:5000->5000/tcp"));

    private final Map<String, String> environment = new HashMap<>(Map.of("GRAFANA_ADMIN_PASSWORD", "test-password"));
    private ComposeProject project;

    @BeforeEach
    void read() throws Exception {
        assumeTrue(Files.exists(STACK_FILE), "stack/compose.yaml is not in the repository yet");
        project = ComposeFile.read(STACK_FILE, environment);
    }

    @Test
    void hasTheProjectNameAndServicesTheConsoleExpects() {
        assertThat(project.name()).isEqualTo("otel-lab");
        assertThat(project.services()).extracting(ComposeService::name).containsAll(PORTS.keySet());
    }

    @Test
    void publishesTheAgreedPortsOnLoopbackOnly() {
        PORTS.forEach((service, ports) -> assertThat(project.service(service).orElseThrow().ports())
                .as(service).map(PortMapping::toString).containsAll(ports));
        project.services().forEach(service -> assertThat(service.ports()).as(service.name())
                .allMatch(port -> port.hostIp().equals("127.0.0.1")));
    }

    @Test
    void everyBindMountedFileExists() {
        project.services().forEach(service -> service.volumes().stream()
                .filter(mount -> mount.kind() == VolumeMount.Kind.BIND)
                .forEach(mount -> assertThat(Path.of(mount.source())).as(service.name() + " mounts " + mount.source()).exists()));
    }

    @Test
    void labBackendIsBuiltOnAConfigurableJreBase() {
        ComposeService backend = project.service("lab-backend").orElseThrow();
        assertThat(backend.image()).isEqualTo("otel-lab/lab-backend:latest");
        assertThat(backend.build()).as("lab-backend has a build").isPresent();
        assertThat(backend.build().get().dockerfilePath()).exists();
        assertThat(backend.build().get().args()).containsKey("JRE_BASE");
    }

    @Test
    void labBackendImageCanBeChosen() throws Exception {
        environment.put("LAB_BACKEND_IMAGE", "otel-lab/lab-backend:test");
        assertThat(ComposeFile.read(STACK_FILE, environment).service("lab-backend").orElseThrow().image())
                .isEqualTo("otel-lab/lab-backend:test");
    }

    @Test
    void grafanasAdminPasswordIsRequiredAndNeverAdmin() throws Exception {
        assertThat(project.service("grafana").orElseThrow().environment())
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "test-password");
        environment.remove("GRAFANA_ADMIN_PASSWORD");
        assertThatThrownBy(() -> ComposeFile.read(STACK_FILE, environment))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("GRAFANA_ADMIN_PASSWORD");
    }

    @Test
    void imagesArePinnedExceptTheLocallyBuiltBackend() {
        List<String> built = project.services().stream().filter(service -> service.build().isPresent())
                .map(ComposeService::image).toList();
        project.services().stream().filter(service -> !built.contains(service.image())).forEach(service ->
                assertThat(service.image()).as(service.name()).contains(":").doesNotEndWith(":latest"));
    }

    @Test
    void labWebRunsFromLabBackendsBuiltImageAndComesAfterIt() {
        ComposeService backend = project.service("lab-backend").orElseThrow();
        ComposeService web = project.service("lab-web").orElseThrow();

        assertThat(web.image()).isEqualTo(backend.image());
        assertThat(web.build()).isEmpty();
        assertThat(web.entrypoint()).containsExactly("java", "-cp", "/app/lab-backend.jar", "dev.otellab.web.LabWeb");
        // the image is built for lab-backend before anything is pulled: lab-web must not be first to name it
        assertThat(project.services().indexOf(web)).isGreaterThan(project.services().indexOf(backend));
    }
}
