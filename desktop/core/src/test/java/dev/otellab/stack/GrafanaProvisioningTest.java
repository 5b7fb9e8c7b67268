package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.otellab.stack.ComposeFileTest.service;
import static dev.otellab.stack.ComposeFileTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** grafana/: datasources with fixed UIDs and their correlations, and the provisioned dashboards. */
class GrafanaProvisioningTest {
    private static final String DATASOURCES_FILE = "grafana/provisioning/datasources/datasources.yaml";
    private static final Map<String, JsonNode> DATASOURCES = byUid(StackFiles.yaml(DATASOURCES_FILE).path("datasources"));
    private static final Map<String, String> DASHBOARD_UIDS = Map.of(
            "sli-slo.json", "otel-lab-sli-slo", "lab-overview.json", "otel-lab-overview");

    @Test
    void theThreeDatasourcesHaveFixedUidsAndPointAtTheStacksServices() {
        assertThat(DATASOURCES).containsOnlyKeys("prometheus", "tempo", "loki");
        assertThat(DATASOURCES.get("prometheus").path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(DATASOURCES.get("tempo").path("url").asText()).isEqualTo("http://tempo:3200");
        assertThat(DATASOURCES.get("loki").path("url").asText()).isEqualTo("http://loki:3100");
        DATASOURCES.forEach((uid, datasource) -> assertThat(datasource.path("type").asText()).isEqualTo(uid));
    }

    @Test
    void traceToLogsFiltersTheTraceIdAsStructuredMetadata() {
        JsonNode tracesToLogs = DATASOURCES.get("tempo").path("jsonData").path("tracesToLogsV2");
        assertThat(tracesToLogs.path("datasourceUid").asText()).isEqualTo("loki");
        assertThat(tracesToLogs.path("customQuery").asBoolean()).isTrue();
        assertThat(GrafanaProvisioning.unescape(tracesToLogs.path("query").asText()))
                .isEqualTo("{service_name=\"${__span.tags[\"service.name\"]}\"} | trace_id=\"${__trace.traceId}\"");
    }

    @Test
    void logLinesLinkToTheirTraceThroughTheTraceIdMetadata() {
        JsonNode derived = DATASOURCES.get("loki").path("jsonData").path("derivedFields").get(0);
        assertThat(derived.path("matcherType").asText()).isEqualTo("label");
        assertThat(derived.path("matcherRegex").asText()).isEqualTo("trace_id");
        assertThat(derived.path("datasourceUid").asText()).isEqualTo("tempo");
        assertThat(GrafanaProvisioning.unescape(derived.path("url").asText())).isEqualTo("${__value.raw}");
    }

    @Test
    void exemplarsServiceMapAndRelatedMetricsLeadAcrossDatasources() {
        JsonNode exemplar = DATASOURCES.get("prometheus").path("jsonData").path("exemplarTraceIdDestinations").get(0);
        assertThat(exemplar.path("name").asText()).isEqualTo("trace_id");
        assertThat(exemplar.path("datasourceUid").asText()).isEqualTo("tempo");

        JsonNode tempo = DATASOURCES.get("tempo").path("jsonData");
        assertThat(tempo.path("serviceMap").path("datasourceUid").asText()).isEqualTo("prometheus");
        assertThat(tempo.path("tracesToMetrics").path("datasourceUid").asText()).isEqualTo("prometheus");
        assertThat(tempo.path("tracesToMetrics").path("queries")).isNotEmpty();
    }

    @Test
    void everyDatasourceReferenceNamesAProvisionedUid() {
        List<String> references = new ArrayList<>(StackFiles.yaml(DATASOURCES_FILE).findValuesAsText("datasourceUid"));
        for (Path file : GrafanaQueries.dashboardFiles()) {
            StackFiles.json(file).findValues("datasource").forEach(ds -> references.add(ds.path("uid").asText()));
        }
        assertThat(references).isNotEmpty().allSatisfy(uid -> assertThat(DATASOURCES).containsKey(uid));
    }

    @Test
    void grafanaWouldExpandNoStrayVariableFromItsEnvironment() {
        List<String> values = new ArrayList<>();
        collectText(StackFiles.yaml(DATASOURCES_FILE), values);
        assertThat(values).isNotEmpty().allSatisfy(value -> assertThat(value.replace("$$", "")).doesNotContain("$"));
    }

    private static void collectText(JsonNode node, List<String> values) {
        if (node.isTextual()) {
            values.add(node.asText());
        }
        node.forEach(child -> collectText(child, values));
    }

    @Test
    void dashboardsLoadFromTheFolderComposeMountsAndKeepTheirUids() {
        JsonNode provider = StackFiles.yaml("grafana/provisioning/dashboards/otel-lab.yaml").path("providers").get(0);
        String containerPath = provider.path("options").path("path").asText();
        assertThat(texts(service("grafana").path("volumes"))).contains("../grafana/dashboards:" + containerPath + ":ro");

        Map<String, String> uids = new HashMap<>();
        for (Path file : GrafanaQueries.dashboardFiles()) {
            JsonNode dashboard = StackFiles.json(file);
            assertThat(dashboard.path("title").asText()).isNotBlank();
            uids.put(file.getFileName().toString(), dashboard.path("uid").asText());
        }
        assertThat(uids).isEqualTo(DASHBOARD_UIDS);
    }

    @Test
    void theSloDashboardShowsAvailabilityRatePerRouteErrorRatioP95AndErrorBudget() {
        List<String> titles = StackFiles.json(StackFiles.path("grafana/dashboards/sli-slo.json"))
                .findValuesAsText("title");
        assertThat(titles).contains("Availability", "Request rate per route", "Error ratio per route", "p95 latency",
                "Error budget remaining");
    }

    @Test
    void theReadmeListsTheUidsTheConsoleLinksTo() {
        String readme = StackFiles.text("stack/README.md");
        assertThat(readme).contains(DASHBOARD_UIDS.values()).contains(
                List.of("`prometheus`", "`tempo`", "`loki`"));
    }

    private static Map<String, JsonNode> byUid(JsonNode datasources) {
        Map<String, JsonNode> byUid = new HashMap<>();
        datasources.forEach(ds -> byUid.put(ds.path("uid").asText(), ds));
        return byUid;
    }
}
