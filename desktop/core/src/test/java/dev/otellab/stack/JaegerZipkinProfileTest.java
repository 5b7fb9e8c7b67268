package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.stack.ComposeFileTest.service;
import static dev.otellab.stack.ComposeFileTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose profile jaeger-zipkin (seed 004's stack): Jaeger and Zipkin next to Tempo, the
 * collector's traces fanned out to all three, Grafana datasources for both, and nothing of it
 * running without the profile.
 */
class JaegerZipkinProfileTest {
    private static final String PROFILE = "jaeger-zipkin";
    private static final JsonNode BASE = StackFiles.yaml("stack/collector/config.yaml");
    private static final JsonNode TEMPO_ONLY = StackFiles.yaml("stack/collector/traces-tempo.yaml");
    private static final JsonNode FAN_OUT = StackFiles.yaml("stack/collector/traces-jaeger-zipkin.yaml");

    @TempDir
    Path scratch;

    @Test
    void jaegerAndZipkinArePinnedOnLoopbackAndOnlyInTheProfile() {
        assertThat(service("jaeger").path("image").asText()).matches("jaegertracing/jaeger:2\\.\\d+\\.\\d+");
        assertThat(service("zipkin").path("image").asText()).isEqualTo("openzipkin/zipkin:3.5.1");
        assertThat(texts(service("jaeger").path("ports"))).containsExactly("127.0.0.1:16686:16686");
        assertThat(texts(service("zipkin").path("ports"))).containsExactly("127.0.0.1:9411:9411");
        for (String name : List.of("jaeger", "zipkin")) {
            assertThat(texts(service(name).path("profiles"))).as(name).containsExactly(PROFILE);
        }
        assertThat(service("jaeger").path("x-lab-console").path("ready").asText()).isEqualTo("http://127.0.0.1:16686/");
        assertThat(service("zipkin").path("x-lab-console").path("ready").asText()).isEqualTo("http://127.0.0.1:9411/health");
    }

    @Test
    void theCollectorMergesTheTraceExportFileThatLabTraceExportNames() {
        List<String> command = texts(service("otel-collector").path("command"));
        assertThat(command).containsExactly("--config=/etc/otelcol-contrib/config.yaml",
                "--config=/etc/otelcol-contrib/traces-${LAB_TRACE_EXPORT:-tempo}.yaml");
        List<String> volumes = texts(service("otel-collector").path("volumes"));
        assertThat(volumes).contains("./collector/traces-tempo.yaml:/etc/otelcol-contrib/traces-tempo.yaml:ro",
                "./collector/traces-jaeger-zipkin.yaml:/etc/otelcol-contrib/traces-jaeger-zipkin.yaml:ro");
    }

    @Test
    void byDefaultTracesGoToTempoOnlyAsInTheBaseFile() {
        assertThat(traceExporters(TEMPO_ONLY)).isEqualTo(traceExporters(BASE)).containsExactly("otlp_grpc/tempo");
        assertThat(TEMPO_ONLY.has("exporters")).isFalse();
    }

    @Test
    void withTheProfileTracesAlsoGoToJaegerOverOtlpAndToZipkin() {
        assertThat(traceExporters(FAN_OUT)).containsExactly("otlp_grpc/tempo", "otlp_grpc/jaeger", "zipkin");
        JsonNode exporters = FAN_OUT.path("exporters");
        assertThat(exporters.path("otlp_grpc/jaeger").path("endpoint").asText()).isEqualTo("jaeger:4317");
        assertThat(exporters.path("otlp_grpc/jaeger").path("tls").path("insecure").asBoolean()).isTrue();
        assertThat(exporters.path("zipkin").path("endpoint").asText()).isEqualTo("http://zipkin:9411/api/v2/spans");
        // every exporter the merged pipeline names is defined by one of the two files
        for (String exporter : traceExporters(FAN_OUT)) {
            assertThat(BASE.path("exporters").has(exporter) || exporters.has(exporter)).as(exporter).isTrue();
        }
        // the overlay changes where traces go and nothing else
        assertThat(fieldNames(FAN_OUT)).containsExactlyInAnyOrder("exporters", "service");
        assertThat(fieldNames(FAN_OUT.path("service").path("pipelines"))).containsExactly("traces");
    }

    @Test
    void grafanaGetsJaegerAndZipkinDatasourcesAtTheProfilesServices() {
        JsonNode datasources = StackFiles.yaml("grafana/provisioning/datasources/jaeger-zipkin.yaml").path("datasources");
        assertThat(datasources).hasSize(2);
        assertThat(datasources.get(0).path("uid").asText()).isEqualTo("jaeger");
        assertThat(datasources.get(0).path("type").asText()).isEqualTo("jaeger");
        assertThat(datasources.get(0).path("url").asText()).isEqualTo("http://jaeger:16686");
        assertThat(datasources.get(1).path("uid").asText()).isEqualTo("zipkin");
        assertThat(datasources.get(1).path("type").asText()).isEqualTo("zipkin");
        assertThat(datasources.get(1).path("url").asText()).isEqualTo("http://zipkin:9411");
    }

    @Test
    void theConsoleRunsTheProfileOnlyWhenComposeProfilesNamesIt() throws Exception {
        Path file = StackFiles.path("stack/compose.yaml");
        ComposeProject plain = ComposeFile.read(file, Map.of("GRAFANA_ADMIN_PASSWORD", "test-password"));
        ComposeProject withProfile = ComposeFile.read(file, Map.of("GRAFANA_ADMIN_PASSWORD", "test-password",
                "COMPOSE_PROFILES", PROFILE, "LAB_TRACE_EXPORT", PROFILE));

        assertThat(plain.services()).extracting(ComposeService::name).doesNotContain("jaeger", "zipkin");
        assertThat(plain.service("otel-collector").orElseThrow().command())
                .contains("--config=/etc/otelcol-contrib/traces-tempo.yaml");
        assertThat(withProfile.services()).extracting(ComposeService::name).contains("jaeger", "zipkin");
        assertThat(withProfile.service("otel-collector").orElseThrow().command())
                .contains("--config=/etc/otelcol-contrib/traces-jaeger-zipkin.yaml");
    }

    @Test
    void dockerComposeAcceptsTheProfile() throws IOException {
        String compose = StackFiles.text("stack/compose.yaml").replaceFirst("(?m)^name: otel-lab\\R", "");
        Path copy = scratch.resolve("compose.yaml");
        Files.writeString(copy, compose);

        CommandLineTool.Result result = CommandLineTool.DOCKER_COMPOSE.runSuccessfully(scratch,
                Map.of("GRAFANA_ADMIN_PASSWORD", "checked-by-a-test", "LAB_TRACE_EXPORT", PROFILE),
                "--project-name", "otel-lab", "--project-directory", StackFiles.path("stack").toString(),
                "--file", copy.toString(), "--profile", PROFILE, "config");

        JsonNode services = StackFiles.YAML.readTree(result.output()).path("services");
        assertThat(texts(services.path("otel-collector").path("command")))
                .contains("--config=/etc/otelcol-contrib/traces-jaeger-zipkin.yaml");
        assertThat(services.path("jaeger").path("image").asText()).startsWith("jaegertracing/jaeger:");
        assertThat(services.path("zipkin").path("ports").get(0).path("host_ip").asText(
                services.path("zipkin").path("ports").get(0).asText())).contains("127.0.0.1");
    }

    private static List<String> traceExporters(JsonNode config) {
        return texts(config.path("service").path("pipelines").path("traces").path("exporters"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
