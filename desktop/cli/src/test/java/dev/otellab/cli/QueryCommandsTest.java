package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.TestTelemetry;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandsTest {
    @TempDir
    Path dataDir;


    private CliRun run(String... args) {
        return CliRun.run(dataDir, args);
    }

    private static long minutesAgo(long minutes) {
        return TimeRange.toNanos(Instant.now().minus(Duration.ofMinutes(minutes)));
    }

    /** Trace 1: ok, 3 spans; trace 2: a 500 on /api/tasks; logs for trace 1. */
    private void storeSomething() {
        long start = minutesAgo(5);
        List<Span> spans = List.of(
                span(traceId(1), spanId(1), "", "frontend", "GET /api/tasks", SpanKind.SERVER, start, 120,
                        StatusCode.UNSET, Map.of("http.route", "/api/tasks", "http.response.status_code", 200L)),
                span(traceId(1), spanId(2), spanId(1), "tasks", "SELECT tasks", SpanKind.CLIENT, start + 10_000_000L, 40,
                        StatusCode.UNSET, Map.of("db.system", "sqlite")),
                span(traceId(1), spanId(3), spanId(2), "tasks", "fetch rows", SpanKind.INTERNAL, start + 20_000_000L, 20,
                        StatusCode.UNSET, Map.of()),
                span(traceId(2), spanId(4), "", "frontend", "POST /api/tasks", SpanKind.SERVER, start + 1_000_000_000L, 30,
                        StatusCode.ERROR, Map.of("http.route", "/api/tasks", "http.response.status_code", 500L)));
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir())) {
            store.accept(new TelemetryBatch(spans, List.of(
                    TestTelemetry.log(start + 1_000_000L, Severity.INFO, "tasks", "Listing tasks", traceId(1), spanId(2)),
                    TestTelemetry.log(start + 2_000_000L, Severity.WARN, "tasks", "Slow query", traceId(1), spanId(3)),
                    TestTelemetry.log(start + 3_000_000L, Severity.ERROR, "frontend", "Upstream failed", traceId(2), spanId(4))),
                    List.of())).toCompletableFuture().join();
        }
    }

    @Test
    void tracesPrintsATableNewestFirst() {
        storeSomething();

        CliRun result = run("traces");

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains("START", "TRACE ID", "ROOT SERVICE", "ROOT NAME", "DURATION", "SPANS", "ERRORS");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(traceId(2), "frontend", "POST /api/tasks", "30 ms");
        assertThat(lines.get(2)).contains(traceId(1), "GET /api/tasks", "120 ms");
    }

    @Test
    void tracesFiltersAndPrintsJson() throws Exception {
        storeSomething();

        CliRun result = run("traces", "--errors", "--json");
        CliRun byAttribute = run("traces", "--attr", "db.system=sqlite", "--min-duration", "100ms", "--json");

        JsonNode errors = JsonOutput.mapper().readTree(result.out());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("traceId").asText()).isEqualTo(traceId(2));
        assertThat(errors.get(0).get("errorCount").asInt()).isEqualTo(1);
        JsonNode withAttribute = JsonOutput.mapper().readTree(byAttribute.out());
        assertThat(withAttribute).singleElement().satisfies(trace ->
                assertThat(trace.get("spanCount").asInt()).isEqualTo(3));
    }

    @Test
    void traceDrawsAWaterfallInDepthFirstOrder() {
        storeSomething();

        CliRun result = run("trace", traceId(1).toUpperCase());

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().filter(line -> line.contains("|")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("GET /api/tasks").contains("120 ms", "frontend")
                .contains("|" + "█".repeat(TraceCommand.BAR_WIDTH) + "|");
        assertThat(lines.get(1)).startsWith("  SELECT tasks").contains("40 ms", "tasks");
        assertThat(lines.get(2)).startsWith("    fetch rows");
    }

    @Test
    void traceMarksErrorsAndPrintsJson() throws Exception {
        storeSomething();

        assertThat(run("trace", traceId(2)).out()).contains("ERROR");
        JsonNode json = JsonOutput.mapper().readTree(run("trace", traceId(1), "--json").out());
        assertThat(json.get("traceId").asText()).isEqualTo(traceId(1));
        assertThat(json.get("spans")).hasSize(3);
        assertThat(json.get("spans").get(2).get("depth").asInt()).isEqualTo(2);
        assertThat(json.get("spans").get(0).get("span").get("name").asText()).isEqualTo("GET /api/tasks");
    }

    @Test
    void anUnknownTraceExitsWithOneAndAMalformedIdWithTwo() {
        storeSomething();

        CliRun unknown = run("trace", traceId(404));
        CliRun malformed = run("trace", "not-an-id");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Trace " + traceId(404) + " not found");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("A trace id is 32 hexadecimal characters").doesNotContain("Exception");
    }

    @Test
    void logsPrintOldestFirstAndFilter() throws Exception {
        storeSomething();

        CliRun all = run("logs");
        CliRun warnings = run("logs", "--severity", "warn", "--service", "tasks");
        CliRun ofTrace = run("logs", "--trace-id", traceId(2), "--json");
        CliRun text = run("logs", "--text", "SLOW");

        assertThat(all.out().lines().toList()).hasSize(3).satisfies(lines -> {
            assertThat(lines.get(0)).contains("INFO", "tasks", traceId(1), "Listing tasks");
            assertThat(lines.get(2)).contains("ERROR", "Upstream failed");
        });
        assertThat(warnings.out().lines().toList()).singleElement().asString().contains("Slow query");
        JsonNode json = JsonOutput.mapper().readTree(ofTrace.out());
        assertThat(json).singleElement().satisfies(record ->
                assertThat(record.get("body").asText()).isEqualTo("Upstream failed"));
        assertThat(text.out()).contains("Slow query").doesNotContain("Listing");
    }

    @Test
    void sliPrintsOverallAndPerRouteWithSloStatus() throws Exception {
        storeSomething();

        CliRun table = run("sli", "--service", "frontend");
        CliRun json = run("sli", "--json", "--since", "1h", "--step", "1m");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("(all routes)", "/api/tasks", "50.0 %", "Missed",
                "SLO availability >= 99.0 %: 50.0 % -> Missed (burn rate 50.00×").doesNotContain("RED");
        JsonNode services = JsonOutput.mapper().readTree(json.out());
        assertThat(services).singleElement().satisfies(service -> {
            assertThat(service.get("service").asText()).isEqualTo("frontend");
            assertThat(service.get("report").get("overall").get("points")).hasSize(60);
            assertThat(service.get("report").get("overall").get("total").get("requests").asLong()).isEqualTo(2);
            assertThat(service.get("slo").get(0).get("health").asText()).isEqualTo("RED");
        });
    }

    @Test
    void aBadDurationIsAClearMessageWithExitCodeTwo() {
        CliRun result = run("traces", "--since", "15 minutes");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'15 minutes' is not a duration", "like 250ms, 1.5s, 15m or 2d")
                .doesNotContain("at dev.otellab");
    }

    @Test
    void aMissingStoreIsAFriendlyMessageAndNotAnError() {
        CliRun traces = run("traces");
        CliRun logs = run("logs");
        CliRun sli = run("sli");
        CliRun tracesJson = run("traces", "--json");

        String expected = "No telemetry stored yet in " + DataDirectories.forUser(dataDir).telemetryStoreDir()
                + ". Run `lab-console receive` and point your service at it.";
        assertThat(List.of(traces, logs, sli)).allSatisfy(result -> {
            assertThat(result.exitCode()).isZero();
            assertThat(result.out().strip()).isEqualTo(expected);
        });
        assertThat(tracesJson.out().strip()).isEqualTo("[]");
    }

    @Test
    void emptyResultsSaySoAndExitZero() {
        storeSomething();

        CliRun traces = run("traces", "--service", "nobody");
        CliRun logs = run("logs", "--text", "nothing like this");

        assertThat(traces.exitCode()).isZero();
        assertThat(traces.out()).startsWith("No traces match");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.out()).startsWith("No log records match in the last 15m");
    }
}
