package dev.otellab.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.embedded.LabServiceProcess;
import dev.otellab.lab.embedded.LabBackendSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PromQL query of the dashboards (and of the datasource links) is valid for promtool and
 * selects only metrics that a real lab-backend exposes on /metrics.
 */
class DashboardQueriesTest {
    /** Made by Prometheus for every scrape target, so never in a target's own /metrics. */
    private static final Set<String> PROMETHEUS_MADE = Set.of("up");
    private static final Map<String, String> NO_EXPORT = Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none");

    @TempDir
    Path dir;

    @Test
    void everyGrafanaVariableIsFilledIn() {
        assertThat(GrafanaQueries.dashboardQueries()).hasSizeGreaterThan(10).allSatisfy(query ->
                assertThat(query.expression()).as(query.where()).isNotBlank().doesNotContain("$"));
    }

    @Test
    void promtoolAcceptsEveryPrometheusQuery() throws IOException {
        List<GrafanaQueries.Query> queries = GrafanaQueries.prometheusQueries();
        Path rules = writeAsRecordingRules(queries, dir.resolve("dashboard-queries.yml"));

        CommandLineTool.Result result = CommandLineTool.PROMTOOL.runSuccessfully(dir, Map.of(), "check", "rules", rules.toString());

        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void promtoolRejectsABrokenQuery() throws IOException {
        GrafanaQueries.Query broken = new GrafanaQueries.Query("test", "prometheus", "sum(rate(http_requests_total[1m])");
        Path rules = writeAsRecordingRules(List.of(broken), dir.resolve("broken.yml"));

        CommandLineTool.Result result = CommandLineTool.PROMTOOL.run(dir, Map.of(), "check", "rules", rules.toString());

        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    @Test
    void everyMetricTheQueriesSelectIsOnARealLabBackendsMetricsPage() throws Exception {
        Set<String> used = new TreeSet<>();
        GrafanaQueries.prometheusQueries().forEach(query -> used.addAll(PromQlMetricNames.of(query.expression())));
        assertThat(used).contains("http_requests_total", "http_errors_total", "http_request_duration_seconds_bucket");

        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(scrapeLabBackendAfterTraffic());
        missing.removeAll(PROMETHEUS_MADE);

        assertThat(missing).as("metrics the queries select that lab-backend's /metrics does not have").isEmpty();
    }

    @Test
    void theMetricNameReaderFindsMetricsAndNothingElse() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{route=~\"x|y\",job=\"j\"}[1m])))"
                + " / on(route) group_left b_total offset 5m and bool c or vector(1e3) * inf"))
                .containsExactly("a_bucket", "b_total", "c");
        assertThat(PromQlMetricNames.of("sum(rate(http_requests_total{job=\"lab-backend\"}[5m])) by (status_code)"))
                .containsExactly("http_requests_total");
    }

    @Test
    void logQueriesSelectAStreamAndNeverATraceIdLabel() {
        List<GrafanaQueries.Query> logQueries = GrafanaQueries.dashboardQueries().stream()
                .filter(query -> query.datasourceUid().equals("loki")).toList();
        assertThat(logQueries).isNotEmpty().allSatisfy(query -> {
            String selector = query.expression().substring(0, query.expression().indexOf('}') + 1);
            assertThat(selector).as(query.where()).startsWith("{service_name=").doesNotContain("trace_id");
        });
    }

    private static Path writeAsRecordingRules(List<GrafanaQueries.Query> queries, Path file) throws IOException {
        ObjectNode document = StackFiles.YAML.createObjectNode();
        ArrayNode rules = document.putArray("groups").addObject().put("name", "grafana-dashboards").putArray("rules");
        for (int i = 0; i < queries.size(); i++) {
            rules.addObject().put("record", "otel_lab:dashboard_query_" + (i + 1)).put("expr", queries.get(i).expression());
        }
        Files.writeString(file, StackFiles.YAML.writeValueAsString(document));
        return file;
    }

    /** Metric sample names of /metrics after requests of every kind (listed, created, completed, failed). */
    private Set<String> scrapeLabBackendAfterTraffic() throws Exception {
        LabBackendSettings settings = new LabBackendSettings(LabBackendJar.path(), "127.0.0.1", 0,
                dir.resolve("tasks.db"), "http://127.0.0.1:9", "lab-backend", Duration.ofSeconds(60), NO_EXPORT);
        try (LabServiceProcess backend = LabServiceProcess.start(settings, line -> { })) {
            LabBackendRequests requests = new LabBackendRequests(backend.baseUrl());
            requests.everyKind();
            Set<String> names = new TreeSet<>();
            requests.metrics().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
            return names;
        }
    }
}
