package dev.otellab.lab.docker.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeFileTest {
    @TempDir
    Path folder;

    @Test
    void readsEveryKeyTheConsoleUnderstands() throws Exception {
        Path file = write("""
                name: otel-lab
                services:
                  collector:
                    image: otel/opentelemetry-collector-contrib:0.120.0
                    command: ["--config=/etc/otelcol/config.yaml"]
                    ports:
                      - "127.0.0.1:4318:4318"
                    volumes:
                      - ./collector.yaml:/etc/otelcol/config.yaml:ro
                    x-lab-console:
                      ready: "http://127.0.0.1:13133/"
                  backend:
                    image: "${LAB_BACKEND_IMAGE:-otel-lab/lab-backend:latest}"
                    build:
                      context: ../lab-backend
                      args:
                        JRE_BASE: "${JRE_BASE:-eclipse-temurin:17-jre}"
                    entrypoint: ["java", "-jar", "/app/lab-backend.jar"]
                    environment:
                      OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4318
                      LAB_PORT: 5000
                    ports: ["127.0.0.1:5000:5000"]
                    volumes: ["backend-data:/data"]
                    depends_on:
                      collector:
                        condition: service_healthy
                    healthcheck:
                      test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:5000/health"]
                      interval: 1m30s
                      timeout: 500ms
                      retries: 5
                      start_period: 10s
                    restart: unless-stopped
                    user: "1000:1000"
                    stop_grace_period: 20s
                    labels: {ignored: "by the console"}
                volumes:
                  backend-data:
                """);

        ComposeProject project = ComposeFile.read(file, Map.of("JRE_BASE", "jre-base:17"));

        assertThat(project.name()).isEqualTo("otel-lab");
        assertThat(project.networkName()).isEqualTo("otel-lab_default");
        assertThat(project.volumeName("backend-data")).isEqualTo("otel-lab_backend-data");
        assertThat(project.containerName("backend")).isEqualTo("otel-lab-backend-1");
        ComposeService collector = project.service("collector").orElseThrow();
        assertThat(collector.volumes()).containsExactly(new VolumeMount(VolumeMount.Kind.BIND,
                folder.resolve("collector.yaml").toString(), "/etc/otelcol/config.yaml", true));
        assertThat(collector.readyUrl()).contains(URI.create("http://127.0.0.1:13133/"));
        ComposeService backend = project.service("backend").orElseThrow();
        assertThat(backend.image()).isEqualTo("otel-lab/lab-backend:latest");
        assertThat(backend.build()).contains(new BuildSpec(folder.getParent().resolve("lab-backend"), "Dockerfile",
                Map.of("JRE_BASE", "jre-base:17")));
        assertThat(backend.entrypoint()).containsExactly("java", "-jar", "/app/lab-backend.jar");
        assertThat(backend.environment()).containsExactly(Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
                Map.entry("LAB_PORT", "5000"));
        assertThat(backend.ports()).containsExactly(new PortMapping("127.0.0.1", 5000, 5000, "tcp"));
        assertThat(backend.volumes()).containsExactly(new VolumeMount(VolumeMount.Kind.NAMED, "backend-data", "/data", false));
        assertThat(backend.dependsOn()).containsExactly(Map.entry("collector", DependencyCondition.HEALTHY));
        assertThat(backend.healthcheck()).contains(new Healthcheck(
                List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:5000/health"),
                Duration.ofSeconds(90), Duration.ofMillis(500), 5, Duration.ofSeconds(10)));
        assertThat(backend.restart()).contains("unless-stopped");
        assertThat(backend.user()).contains("1000:1000");
        assertThat(backend.stopGracePeriod()).contains(Duration.ofSeconds(20));
        assertThat(project.startOrder()).extracting(ComposeService::name).containsExactly("collector", "backend");
    }

    @Test
    void aServiceWithProfilesRunsOnlyWhenOneOfThemIsActive() throws Exception {
        Path file = write("""
                services:
                  always:
                    image: busybox:1.36
                  extra:
                    image: openzipkin/zipkin:3.5.1
                    profiles: ["jaeger-zipkin"]
                """);

        assertThat(ComposeFile.read(file, Map.of()).services()).extracting(ComposeService::name).containsExactly("always");
        assertThat(ComposeFile.read(file, Map.of("COMPOSE_PROFILES", "other, jaeger-zipkin")).services())
                .extracting(ComposeService::name).containsExactly("always", "extra");
    }

    @Test
    void interpolatesLikeCompose() throws Exception {
        Path file = write("""
                services:
                  s:
                    image: "img:${TAG}"
                    environment:
                      UNSET_DEFAULT: "${NOPE:-fallback}"
                      EMPTY_DEFAULT: "${EMPTY:-fallback}"
                      EMPTY_DASH: "${EMPTY-kept-empty}"
                      PLAIN: "$TAG and ${TAG}"
                      DOLLAR: "costs $$5"
                      REQUIRED: "${PASSWORD:?set PASSWORD}"
                      MISSING_PLAIN: "[${NOPE}]"
                """);

        ComposeService service = ComposeFile.read(file, Map.of("TAG", "1.2", "EMPTY", "", "PASSWORD", "s3cret"))
                .services().get(0);

        assertThat(service.image()).isEqualTo("img:1.2");
        assertThat(service.environment()).containsExactly(
                Map.entry("UNSET_DEFAULT", "fallback"), Map.entry("EMPTY_DEFAULT", "fallback"),
                Map.entry("EMPTY_DASH", ""), Map.entry("PLAIN", "1.2 and 1.2"), Map.entry("DOLLAR", "costs $5"),
                Map.entry("REQUIRED", "s3cret"), Map.entry("MISSING_PLAIN", "[]"));
    }

    @Test
    void aMissingRequiredVariableNamesFileServiceKeyAndTheMessage() throws Exception {
        Path file = write("""
                services:
                  grafana:
                    image: grafana/grafana:11.5.2
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD: "${GRAFANA_ADMIN_PASSWORD:?the console sets it}"
                """);

        assertThatThrownBy(() -> ComposeFile.read(file, Map.of("GRAFANA_ADMIN_PASSWORD", "")))
                .isInstanceOf(ComposeFileException.class)
                .hasMessage(file + ", service 'grafana', key 'environment.GF_SECURITY_ADMIN_PASSWORD': "
                        + "variable GRAFANA_ADMIN_PASSWORD is required: the console sets it");
    }

    @Test
    void malformedFilesAreClearErrors() throws Exception {
        assertProblem("services: [oops", "not valid YAML");
        assertProblem("volumes: {}", "the file defines no services");
        assertProblem("services:\n  s: {}", "service 's', key 'image': every service needs an image");
        assertProblem("services:\n  s:\n    image: x\n    ports: [\"4318\"]", "service 's', key 'ports[0]': '4318' is not of the form");
        assertProblem("services:\n  s:\n    image: x\n    ports: [\"127.0.0.1:70000:1\"]", "port 70000 is outside 1-65535");
        assertProblem("services:\n  s:\n    image: x\n    volumes: [\"data:/data\"]",
                "key 'volumes[0]': named volume 'data' is not declared under the top-level 'volumes'");
        assertProblem("services:\n  s:\n    image: x\n    command: java -jar x.jar", "key 'command': use the list form");
        assertProblem("services:\n  s:\n    image: x\n    depends_on: [t]", "key 'depends_on': no service named 't'");
        assertProblem("services:\n  s:\n    image: x\n    depends_on:\n      t: {condition: service_completed_successfully}\n  t:\n    image: y",
                "key 'depends_on.t.condition': 'service_completed_successfully' is not supported");
        assertProblem("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: y\n    depends_on: [a]",
                "services depend on each other in a cycle: [a, b]");
        assertProblem("services:\n  s:\n    image: x\n    healthcheck:\n      test: [\"wget\", \"x\"]",
                "key 'healthcheck.test': the list must start with \"CMD\" or \"CMD-SHELL\"");
        assertProblem("services:\n  s:\n    image: x\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: soon",
                "key 'healthcheck.interval': 'soon' is not a duration");
        assertProblem("services:\n  s:\n    image: x\n    x-lab-console: {ready: \"ftp://h/\"}",
                "key 'x-lab-console.ready': 'ftp://h/' is not an http(s) URL");
        assertProblem("services:\n  s:\n    image: \"${A\"", "key 'image': '${A' has a '${' without its closing '}'");
    }

    @Test
    void theProjectIsNamedAfterItsFolderWithoutANameKey() throws Exception {
        Path file = write("services:\n  s:\n    image: x\n");

        assertThat(ComposeFile.read(file, Map.of()).name()).isEqualTo(ComposeFile.normalizeProjectName(folder.getFileName().toString()));
        assertThat(ComposeFile.read(file, Map.of()).withName("My Lab!").name()).isEqualTo("mylab");
    }

    @Test
    void imagesCanBeReplacedPerService() throws Exception {
        Path file = write("services:\n  tempo:\n    image: grafana/tempo:2.7.2\n  loki:\n    image: grafana/loki:3.4.6\n");

        ComposeProject project = ComposeFile.read(file, Map.of()).withImages(Map.of("tempo", "otel-lab-local/standin:1"));

        assertThat(project.services()).extracting(ComposeService::image)
                .containsExactly("otel-lab-local/standin:1", "grafana/loki:3.4.6");
        assertThatThrownBy(() -> project.withImages(Map.of("mimir", "x")))
                .hasMessageContaining("No service named 'mimir'");
    }

    @Test
    void aServiceWithOnlyABuildGetsComposesImageName() throws Exception {
        Path file = write("name: lab\nservices:\n  backend:\n    build: ./backend\n");

        ComposeService backend = ComposeFile.read(file, Map.of()).services().get(0);

        assertThat(backend.image()).isEqualTo("lab-backend");
        assertThat(backend.build().map(BuildSpec::dockerfilePath)).contains(folder.resolve("backend/Dockerfile"));
        assertThat(backend.healthcheck()).isEqualTo(Optional.empty());
    }

    private void assertProblem(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> ComposeFile.read(file, Map.of()))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    private Path write(String yaml) throws IOException {
        Path file = folder.resolve("compose.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
