package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.telemetry.map.PeerNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.otellab.stack.ComposeFileTest.service;
import static dev.otellab.stack.ComposeFileTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** The configuration files of the collector, Tempo, Loki and Prometheus under stack/. */
class StackConfigsTest {
    private static final JsonNode COLLECTOR = StackFiles.yaml("stack/collector/config.yaml");
    private static final JsonNode TEMPO = StackFiles.yaml("stack/tempo/tempo.yaml");
    private static final JsonNode LOKI = StackFiles.yaml("stack/loki/loki.yaml");
    private static final JsonNode PROMETHEUS = StackFiles.yaml("stack/prometheus/prometheus.yml");

    @Test
    void everyYamlAndJsonFileOfTheStackParses() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("stack", "grafana")) {
            try (Stream<Path> walk = Files.walk(StackFiles.path(folder))) {
                walk.filter(file -> file.toString().matches(".*\\.(ya?ml|json)")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9).allSatisfy(file -> {
            ObjectMapper mapper = file.toString().endsWith(".json") ? StackFiles.JSON : StackFiles.YAML;
            assertThat(mapper.readTree(file.toFile()).isObject()).as("%s holds a mapping", file).isTrue();
        });
    }

    @Test
    void collectorSendsTracesToTempoAndLogsToLokisOtlpEndpointAndHasNoMetricsPipeline() {
        JsonNode pipelines = COLLECTOR.path("service").path("pipelines");
        assertThat(fieldNames(pipelines)).containsExactlyInAnyOrder("traces", "logs");
        assertThat(texts(pipelines.path("traces").path("exporters"))).containsExactly("otlp_grpc/tempo");
        assertThat(texts(pipelines.path("logs").path("exporters"))).containsExactly("otlp_http/loki");

        JsonNode exporters = COLLECTOR.path("exporters");
        assertThat(exporters.path("otlp_grpc/tempo").path("endpoint").asText()).isEqualTo("tempo:4317");
        assertThat(exporters.path("otlp_http/loki").path("endpoint").asText()).isEqualTo("http://loki:3100/otlp");
        // The deprecated loki exporter, and any path of metrics into Prometheus, stay out.
        assertThat(fieldNames(exporters)).map(id -> id.split("/")[0])
                .doesNotContain("loki", "prometheus", "prometheusremotewrite", "prometheus_remote_write");
    }

    @Test
    void collectorGuardsMemoryFirstRedactsAndBatchesLast() {
        COLLECTOR.path("service").path("pipelines").fields().forEachRemaining(pipeline -> {
            List<String> processors = texts(pipeline.getValue().path("processors"));
            assertThat(processors).as("processors of the %s pipeline", pipeline.getKey())
                    .startsWith("memory_limiter").endsWith("batch").contains("resource", "attributes/redact");
            assertThat(texts(pipeline.getValue().path("receivers"))).containsExactly("otlp");
        });
        JsonNode protocols = COLLECTOR.path("receivers").path("otlp").path("protocols");
        assertThat(protocols.path("grpc").path("endpoint").asText()).isEqualTo("0.0.0.0:4317");
        assertThat(protocols.path("http").path("endpoint").asText()).isEqualTo("0.0.0.0:4318");
    }

    @Test
    void credentialLikeAttributesAreDeletedAndOthersKept() {
        JsonNode action = COLLECTOR.path("processors").path("attributes/redact").path("actions").get(0);
        assertThat(action.path("action").asText()).isEqualTo("delete");
        Pattern credential = Pattern.compile(action.path("pattern").asText());

        assertThat(List.of("password", "db.password", "user.passwd", "http.request.header.authorization",
                "Authorization", "api_key", "x-api-key", "client_secret", "session.token", "http.request.header.cookie"))
                .allSatisfy(key -> assertThat(credential.matcher(key).matches()).as(key).isTrue());
        assertThat(List.of("http.route", "http.request.method", "task.id", "service.name", "db.system.name",
                "db.query.text", "url.path"))
                .allSatisfy(key -> assertThat(credential.matcher(key).matches()).as(key).isFalse());
    }

    @Test
    void collectorHealthAndOwnMetricsAreReachableFromOtherContainers() {
        assertThat(COLLECTOR.path("extensions").path("health_check").path("endpoint").asText()).isEqualTo("0.0.0.0:13133");
        assertThat(texts(COLLECTOR.path("service").path("extensions"))).contains("health_check");
        assertThat(texts(service("otel-collector").path("ports"))).contains("127.0.0.1:13133:13133");

        JsonNode reader = COLLECTOR.path("service").path("telemetry").path("metrics").path("readers").get(0)
                .path("pull").path("exporter").path("prometheus");
        assertThat(reader.path("host").asText()).isEqualTo("0.0.0.0");
        assertThat(scrapeTargets()).contains("otel-collector:" + reader.path("port").asInt());
    }

    @Test
    void tempoMakesANewTraceSearchableWithinAboutTwoSeconds() {
        JsonNode ingester = TEMPO.path("ingester");
        Duration idle = duration(ingester.path("trace_idle_period").asText());
        Duration check = duration(ingester.path("flush_check_period").asText());
        assertThat(idle.plus(check)).isLessThanOrEqualTo(Duration.ofSeconds(2));

        JsonNode protocols = TEMPO.path("distributor").path("receivers").path("otlp").path("protocols");
        assertThat(protocols.path("grpc").path("endpoint").asText()).isEqualTo("0.0.0.0:4317");
        assertThat(TEMPO.path("server").path("http_listen_port").asInt()).isEqualTo(3200);
        assertThat(TEMPO.path("storage").path("trace").path("local").path("path").asText()).startsWith("/var/tempo/");
        assertThat(TEMPO.path("storage").path("trace").path("wal").path("path").asText()).startsWith("/var/tempo/");
    }

    @Test
    void tempoServiceGraphsGoToPrometheusWhichAcceptsRemoteWrites() {
        JsonNode remoteWrite = TEMPO.path("metrics_generator").path("storage").path("remote_write").get(0);
        assertThat(remoteWrite.path("url").asText()).isEqualTo("http://prometheus:9090/api/v1/write");
        assertThat(texts(TEMPO.path("overrides").path("defaults").path("metrics_generator").path("processors")))
                .containsExactly("service-graphs", "span-metrics");
        assertThat(texts(service("prometheus").path("command"))).contains("--web.enable-remote-write-receiver");
        assertThat(TEMPO.path("metrics_generator").path("registry").path("external_labels").path("source").asText())
                .isEqualTo("tempo");
    }

    @Test
    void tempoNamesTheDatabaseAndPeersInTheOrderTheConsolesMapDoes() {
        JsonNode serviceGraphs = TEMPO.path("metrics_generator").path("processor").path("service_graphs");
        // without db.namespace / db.system.name Tempo 2.7 drops the stable-convention database call
        assertThat(texts(serviceGraphs.path("peer_attributes"))).isEqualTo(PeerNames.PEER_ATTRIBUTES);
        assertThat(texts(serviceGraphs.path("dimensions"))).containsExactly("db.system.name", "db.system");
        // breaks the graph in 2.7 (shared/fixtures/README.md): must stay unset everywhere
        assertThat(serviceGraphs.has("enable_virtual_node_label")).isFalse();
        assertThat(TEMPO.path("overrides").path("defaults").path("metrics_generator").path("processor")
                .path("service_graphs").has("enable_virtual_node_label")).isFalse();
    }

    @Test
    void lokiKeepsTraceIdsAsStructuredMetadata() {
        JsonNode schemas = LOKI.path("schema_config").path("configs");
        assertThat(schemas).isNotEmpty().allSatisfy(schema -> {
            assertThat(schema.path("store").asText()).isEqualTo("tsdb");
            assertThat(schema.path("schema").asText()).isEqualTo("v13");
        });
        assertThat(LOKI.path("limits_config").path("allow_structured_metadata").asBoolean()).isTrue();
        // Loki's default OTLP mapping keeps trace_id out of the labels; nothing here overrides it.
        assertThat(LOKI.path("limits_config").has("otlp_config")).isFalse();
        assertThat(LOKI.path("distributor").has("otlp_config")).isFalse();
        assertThat(LOKI.path("server").path("http_listen_port").asInt()).isEqualTo(3100);
        assertThat(LOKI.path("common").path("path_prefix").asText()).isEqualTo("/loki");
    }

    @Test
    void promtoolAcceptsThePrometheusConfiguration() {
        CommandLineTool.Result result = CommandLineTool.PROMTOOL.runSuccessfully(StackFiles.path("stack"), Map.of(),
                "check", "config", "prometheus/prometheus.yml");
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void prometheusScrapesEveryPartByServiceNameAndNeverWritesToItself() {
        assertThat(scrapeTargets()).containsExactlyInAnyOrder(
                "lab-backend:5000", "lab-web:8000", "otel-collector:8888", "tempo:3200", "loki:3100", "localhost:9090");
        assertThat(PROMETHEUS.has("remote_write")).isFalse();
    }

    @Test
    void prometheusStoresExemplarsAndBoundsItsRetention() {
        List<String> command = texts(service("prometheus").path("command"));
        assertThat(command).contains("--enable-feature=exemplar-storage", "--config.file=/etc/prometheus/prometheus.yml");
        assertThat(command).anySatisfy(flag -> assertThat(flag).startsWith("--storage.tsdb.retention.time="));
        assertThat(command).anySatisfy(flag -> assertThat(flag).startsWith("--storage.tsdb.retention.size="));
    }

    static List<String> scrapeTargets() {
        List<String> targets = new ArrayList<>();
        PROMETHEUS.path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(group -> targets.addAll(texts(group.path("targets")))));
        return targets;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Go-style durations as these files use them: 500ms, 1s, 5m, 72h. */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        assertThat(m.matches()).as("duration '%s'", text).isTrue();
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
