package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** stack/compose.yaml: the contract the console's Docker orchestration reads, and what docker-compose accepts. */
class ComposeFileTest {
    static final JsonNode COMPOSE = StackFiles.yaml("stack/compose.yaml");
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Pattern PUBLISHED_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+):(\\d+)");
    private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/.*");

    @TempDir
    Path scratch;

    static JsonNode service(String name) {
        JsonNode service = SERVICES.path(name);
        assertThat(service.isObject()).as("service %s in stack/compose.yaml", name).isTrue();
        return service;
    }

    static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void isTheOtelLabProjectWithItsSevenServices() {
        assertThat(COMPOSE.path("name").asText()).isEqualTo("otel-lab");
        assertThat(iterable(SERVICES.fieldNames())).filteredOn(name -> !SERVICES.path(name).has("profiles"))
                .containsExactlyInAnyOrder("otel-collector", "tempo", "loki", "prometheus", "grafana", "lab-backend",
                        "lab-web");
    }

    @Test
    void labWebForwardsToLabBackendIsScrapedAndItsPageMayExportToTheCollector() {
        JsonNode web = service("lab-web");
        assertThat(web.path("image").asText()).isEqualTo(service("lab-backend").path("image").asText());
        assertThat(web.path("environment").path("LAB_BACKEND_URL").asText()).isEqualTo("http://lab-backend:5000");
        assertThat(web.path("environment").path("LAB_BROWSER_OTLP_URL").asText()).isEqualTo("http://127.0.0.1:4318");
        assertThat(texts(web.path("healthcheck").path("test"))).contains("dev.otellab.backend.HealthCheck");
        JsonNode origins = StackFiles.yaml("stack/collector/config.yaml")
                .at("/receivers/otlp/protocols/http/cors/allowed_origins");
        assertThat(texts(origins)).containsExactlyInAnyOrder("http://127.0.0.1:8000", "http://localhost:8000");
        assertThat(StackFiles.text("stack/prometheus/prometheus.yml")).contains("job_name: lab-web", "lab-web:8000");
    }

    @Test
    void imagesArePinnedVersionsNotLatest() {
        assertThat(service("tempo").path("image").asText()).isEqualTo("grafana/tempo:2.7.2");
        assertThat(service("loki").path("image").asText()).isEqualTo("grafana/loki:3.4.6");
        assertThat(service("otel-collector").path("image").asText()).startsWith("otel/opentelemetry-collector-contrib:");
        for (String name : List.of("otel-collector", "tempo", "loki", "prometheus", "grafana")) {
            assertThat(service(name).path("image").asText()).as("image of %s", name)
                    .matches("[a-z0-9./-]+:v?\\d+(\\.\\d+)+");
        }
        assertThat(service("lab-backend").path("image").asText())
                .isEqualTo("${LAB_BACKEND_IMAGE:-otel-lab/lab-backend:latest}");
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        Map<String, List<String>> contract = Map.of(
                "otel-collector", List.of("4317:4317", "4318:4318"), "tempo", List.of("3200:3200"),
                "loki", List.of("3100:3100"), "prometheus", List.of("9090:9090"), "grafana", List.of("3000:3000"),
                "lab-backend", List.of("5000:5000"), "lab-web", List.of("8000:8000"));
        SERVICES.fields().forEachRemaining(entry -> {
            List<String> ports = texts(entry.getValue().path("ports"));
            assertThat(ports).as("ports of %s", entry.getKey())
                    .allSatisfy(port -> assertThat(port).matches(PUBLISHED_PORT));
            assertThat(ports).as("ports of %s", entry.getKey())
                    .containsAll(contract.getOrDefault(entry.getKey(), List.of()).stream().map(port -> "127.0.0.1:" + port).toList());
        });
    }

    @Test
    void everyServiceHasAHealthcheckOrALoopbackReadyUrlOnAPublishedPort() {
        SERVICES.fields().forEachRemaining(entry -> {
            JsonNode service = entry.getValue();
            JsonNode healthcheck = service.path("healthcheck").path("test");
            String ready = service.path("x-lab-console").path("ready").asText("");
            if (healthcheck.isArray()) {
                assertThat(healthcheck.get(0).asText()).as("healthcheck of %s", entry.getKey()).isIn("CMD", "CMD-SHELL");
                return;
            }
            Matcher url = LOOPBACK_URL.matcher(ready);
            assertThat(url.matches()).as("%s has neither a healthcheck nor a ready URL on 127.0.0.1: '%s'",
                    entry.getKey(), ready).isTrue();
            assertThat(hostPorts(service)).as("published ports of %s", entry.getKey()).contains(url.group(1));
        });
    }

    @Test
    void dataLivesInNamedVolumesAndConfigurationComesFromTheRepository() {
        Set<String> declared = new HashSet<>(iterable(COMPOSE.path("volumes").fieldNames()));
        Set<String> used = new HashSet<>();
        Path stackFolder = StackFiles.path("stack");
        SERVICES.fields().forEachRemaining(entry -> texts(entry.getValue().path("volumes")).forEach(volume -> {
            String source = volume.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(stackFolder.resolve(source).normalize()).as("bind mount of %s", entry.getKey()).exists();
                assertThat(volume).as("configuration is mounted read-only").endsWith(":ro");
            } else {
                assertThat(declared).as("named volume %s of %s", source, entry.getKey()).contains(source);
                used.add(source);
            }
        }));
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(texts(service("tempo").path("volumes"))).contains("tempo-data:/var/tempo");
        assertThat(texts(service("loki").path("volumes"))).contains("loki-data:/loki");
        assertThat(texts(service("prometheus").path("volumes"))).contains("prometheus-data:/prometheus");
        assertThat(texts(service("grafana").path("volumes"))).contains("grafana-data:/var/lib/grafana");
        assertThat(texts(service("lab-backend").path("volumes"))).contains("lab-backend-data:/data");
    }

    @Test
    void grafanaAdminPasswordMustBeGivenAndIsNeverAdmin() {
        JsonNode environment = service("grafana").path("environment");
        assertThat(environment.path("GF_SECURITY_ADMIN_PASSWORD").asText())
                .matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?.+}");
        assertThat(environment.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
        assertThat(StackFiles.text("stack/compose.yaml")).doesNotContainPattern("(?i)password[\"']?\\s*[:=]\\s*[\"']?admin\\b");
    }

    @Test
    void labBackendIsBuiltFromItsDockerfileAndExportsToTheCollector() {
        JsonNode labBackend = service("lab-backend");
        JsonNode build = labBackend.path("build");
        Path dockerfile = StackFiles.path("stack").resolve(build.path("context").asText())
                .resolve(build.path("dockerfile").asText()).normalize();
        assertThat(dockerfile).isEqualTo(StackFiles.path("lab-backend/Dockerfile"));
        assertThat(StackFiles.text("lab-backend/Dockerfile")).contains("ARG JRE_BASE=eclipse-temurin:17-jre", "FROM ${JRE_BASE}");
        assertThat(build.path("args").path("JRE_BASE").asText()).isEqualTo("${JRE_BASE:-eclipse-temurin:17-jre}");

        JsonNode environment = labBackend.path("environment");
        assertThat(environment.path("OTEL_EXPORTER_OTLP_ENDPOINT").asText()).isEqualTo("http://otel-collector:4318");
        assertThat(environment.path("OTEL_METRICS_EXPORTER").asText()).isEqualTo("none");
        assertThat(environment.path("LAB_BIND").asText()).isEqualTo("0.0.0.0");
        assertThat(labBackend.path("depends_on").path("otel-collector").path("condition").asText())
                .isEqualTo("service_started");
    }

    @Test
    void dockerComposeAcceptsTheFileAndItsMountsResolve() throws IOException {
        CommandLineTool.Result result = CommandLineTool.DOCKER_COMPOSE.runSuccessfully(scratch,
                Map.of("GRAFANA_ADMIN_PASSWORD", "checked-by-a-test"),
                "--project-name", "otel-lab", "--project-directory", StackFiles.path("stack").toString(),
                "--file", composeWithoutProjectName().toString(), "config");

        JsonNode resolved = StackFiles.YAML.readTree(result.output());
        assertThat(iterable(resolved.path("services").fieldNames())).hasSize(SERVICES.size());
        assertThat(resolved.path("services").path("grafana").path("environment").path("GF_SECURITY_ADMIN_PASSWORD").asText())
                .isEqualTo("checked-by-a-test");
        resolved.path("services").forEach(service -> service.path("volumes").forEach(volume -> {
            if ("bind".equals(volume.path("type").asText())) {
                assertThat(Path.of(volume.path("source").asText())).exists();
            }
        }));
    }

    @Test
    void dockerComposeRefusesToRunWithoutAGrafanaPassword() throws IOException {
        CommandLineTool.Result result = CommandLineTool.DOCKER_COMPOSE.run(scratch, Map.of(),
                "--project-name", "otel-lab", "--project-directory", StackFiles.path("stack").toString(),
                "--file", composeWithoutProjectName().toString(), "config");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("GRAFANA_ADMIN_PASSWORD");
    }

    /**
     * Debian's docker-compose (v1) predates the top-level "name" key of the Compose specification
     * (Compose v2 reads it); the copy it checks leaves that line out and names the project by flag.
     */
    private Path composeWithoutProjectName() throws IOException {
        String compose = StackFiles.text("stack/compose.yaml");
        String withoutName = compose.replaceFirst("(?m)^name: otel-lab\\R", "");
        assertThat(withoutName).isNotEqualTo(compose);
        Path copy = scratch.resolve("compose.yaml");
        Files.writeString(copy, withoutName);
        return copy;
    }

    private static List<String> hostPorts(JsonNode service) {
        return texts(service.path("ports")).stream().map(port -> port.split(":")[1]).toList();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }
}
