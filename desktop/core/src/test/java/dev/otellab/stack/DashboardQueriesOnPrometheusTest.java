package dev.otellab.stack;

import dev.otellab.telemetry.model.TraceId;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.otellab.stack.ComposeFileTest.service;
import static dev.otellab.stack.ComposeFileTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards' PromQL run by a real Prometheus (Debian's binary, with the stack's flags) that
 * scrapes a real lab-backend, itself exporting to the embedded lab's receiver and store.
 */
class DashboardQueriesOnPrometheusTest {
    private static final Pattern DEFAULTED_VARIABLE = Pattern.compile("\\$\\{\\w+:-([^}]*)}");
    private static final Duration SCRAPED = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void everyQueryReturnsNumbersAndExemplarsLeadToStoredTraces() throws Exception {
        CommandLineTool.PROMETHEUS.requireInstalled();
        try (EmbeddedLab lab = new EmbeddedLab(labSettings())) {
            lab.start();
            URI backend = lab.backendUrl().orElseThrow();
            Files.createDirectories(dir.resolve("prometheus"));
            try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), labFlags(),
                    labBackendJob(), backend.getHost() + ":" + backend.getPort())) {
                // Two rounds in two scrapes: rate() and increase() need a counter to grow between samples.
                LabBackendRequests requests = new LabBackendRequests(backend);
                requests.everyKind();
                awaitRequestsScraped(prometheus, LabBackendRequests.EVERY_KIND);
                requests.everyKind();
                awaitRequestsScraped(prometheus, 2 * LabBackendRequests.EVERY_KIND);

                for (GrafanaQueries.Query query : GrafanaQueries.prometheusQueries()) {
                    assertThat(finiteValues(prometheus.query(query.expression())))
                            .as("%s: %s", query.where(), query.expression()).isNotEmpty();
                }

                String traceIdLabel = exemplarTraceIdLabel();
                List<String> traceIds = prometheus.exemplars("http_request_duration_seconds_bucket{job=\"lab-backend\"}",
                        Duration.ofMinutes(5)).findValuesAsText(traceIdLabel);
                assertThat(traceIds).as("exemplar label %s", traceIdLabel).isNotEmpty()
                        .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
                await("trace " + traceIds.get(0) + " in the store").atMost(SCRAPED)
                        .until(() -> lab.traces().trace(TraceId.parse(traceIds.get(0))).isPresent());
            }
        }
    }

    private EmbeddedLabSettings labSettings() {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        return new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT);
    }

    /** stack/prometheus.yml's lab-backend job (its name is the job label the queries select). */
    private static JsonNode labBackendJob() {
        for (JsonNode job : StackFiles.yaml("stack/prometheus/prometheus.yml").path("scrape_configs")) {
            if (job.path("job_name").asText().equals("lab-backend")) {
                return job;
            }
        }
        throw new AssertionError("stack/prometheus/prometheus.yml has no lab-backend job");
    }

    /** The stack's Prometheus flags except its paths, with ${VAR:-default} at the default. */
    private static List<String> labFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : texts(service("prometheus").path("command"))) {
            if (!flag.startsWith("--config.file=") && !flag.startsWith("--storage.tsdb.path=")) {
                Matcher variable = DEFAULTED_VARIABLE.matcher(flag);
                flags.add(variable.replaceAll(result -> Matcher.quoteReplacement(result.group(1))));
            }
        }
        assertThat(flags).contains("--enable-feature=exemplar-storage");
        return flags;
    }

    private static String exemplarTraceIdLabel() {
        for (JsonNode datasource : StackFiles.yaml("grafana/provisioning/datasources/datasources.yaml").path("datasources")) {
            JsonNode destination = datasource.path("jsonData").path("exemplarTraceIdDestinations").path(0);
            if (!destination.isMissingNode()) {
                return destination.path("name").asText();
            }
        }
        throw new AssertionError("no datasource names an exemplar trace id label");
    }

    private static void awaitRequestsScraped(PrometheusServer prometheus, int count) {
        await(count + " requests scraped").atMost(SCRAPED).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Double> values = finiteValues(prometheus.query("sum(http_requests_total{job=\"lab-backend\"})"));
            return !values.isEmpty() && values.get(0) >= count;
        });
    }

    /** The finite sample values of an instant query's result (vector or scalar). */
    private static List<Double> finiteValues(JsonNode data) {
        List<JsonNode> samples = new ArrayList<>();
        if ("scalar".equals(data.path("resultType").asText())) {
            samples.add(data.path("result"));
        } else {
            data.path("result").forEach(series -> samples.add(series.path("value")));
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode sample : samples) {
            double value = Double.parseDouble(sample.path(1).asText("NaN"));
            if (Double.isFinite(value)) {
                values.add(value);
            }
        }
        return values;
    }
}
