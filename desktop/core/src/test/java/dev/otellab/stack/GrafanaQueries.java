package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The queries Grafana runs for the lab: every dashboard target and the datasource's
 * trace-to-metrics links, with Grafana's variables filled in the way Grafana fills them.
 */
final class GrafanaQueries {
    /** Values for Grafana's built-in variables: any valid duration does for checking a query. */
    private static final Map<String, String> BUILT_IN = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h", "__range_s", "3600",
            "__interval_ms", "15000", "__range_ms", "3600000",
            // tracesToMetrics builds $__tags from its tag mapping service.name -> job.
            "__tags", "job=\"lab-backend\"");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    /** One query as Grafana will send it, and where it comes from. */
    record Query(String where, String datasourceUid, String expression) {
    }

    private GrafanaQueries() {
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(StackFiles.path("grafana/dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = StackFiles.json(file);
            Map<String, String> variables = variables(dashboard.path("templating").path("list"));
            for (JsonNode panel : panels(dashboard.path("panels"))) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("queryType").asText().equals("serviceMap")) {
                        continue; // no query text: Grafana builds its PromQL from the Tempo datasource's serviceMap
                    }
                    String uid = target.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                    String text = target.has("expr") ? target.path("expr").asText() : target.path("query").asText();
                    String where = file.getFileName() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText();
                    queries.add(new Query(where, uid, substitute(text, variables)));
                }
            }
        }
        return queries;
    }

    /** Dashboard PromQL plus the PromQL behind the Tempo datasource's "related metrics" links. */
    static List<Query> prometheusQueries() {
        List<Query> queries = new ArrayList<>(dashboardQueries().stream()
                .filter(query -> query.datasourceUid().equals("prometheus")).toList());
        for (JsonNode datasource : StackFiles.yaml("grafana/provisioning/datasources/datasources.yaml").path("datasources")) {
            for (JsonNode link : datasource.path("jsonData").path("tracesToMetrics").path("queries")) {
                String query = GrafanaProvisioning.unescape(link.path("query").asText());
                queries.add(new Query("datasource " + datasource.path("uid").asText() + " / tracesToMetrics / "
                        + link.path("name").asText(), "prometheus", substitute(query, Map.of())));
            }
        }
        return queries;
    }

    static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.getOrDefault(name, BUILT_IN.get(name));
            m.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(result);
        return result.toString();
    }

    /** The current value of each dashboard variable; "All" becomes the variable's allValue. */
    private static Map<String, String> variables(JsonNode templating) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode variable : templating) {
            JsonNode current = variable.path("current").path("value");
            String value = current.isArray() ? current.path(0).asText() : current.asText();
            values.put(variable.path("name").asText(),
                    "$__all".equals(value) ? variable.path("allValue").asText(".*") : value);
        }
        return values;
    }

    /** Panels, including those nested in rows. */
    private static List<JsonNode> panels(JsonNode panels) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : panels) {
            all.add(panel);
            all.addAll(panels(panel.path("panels")));
        }
        return all;
    }
}
