package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.TestTelemetry;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** What the query commands tell a reader: errors with their exception, short durations, limits, recent rates, old logs. */
class CommandReadingsTest {
    @TempDir
    Path dataDir;

    private CliRun run(String... args) {
        return CliRun.run(dataDir, args);
    }

    private static long ago(Duration duration) {
        return TimeRange.toNanos(Instant.now().minus(duration));
    }

    private void store(List<Span> spans, List<LogRecord> logs) {
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir())) {
            store.accept(new TelemetryBatch(spans, logs, List.of())).toCompletableFuture().join();
        }
    }

    @Test
    void traceShowsEachErrorsExceptionAndMicroseconds() {
        long start = ago(Duration.ofMinutes(1));
        Span root = TestTelemetry.span(traceId(7), spanId(1), "", "lab-backend", "PUT /api/tasks/{id}", SpanKind.SERVER,
                start, 2, StatusCode.ERROR, Map.of());
        SpanEvent exception = new SpanEvent(start + 1_000_000, SpanEvent.EXCEPTION, Map.of(
                "exception.type", "java.sql.SQLException", "exception.message", "database is locked",
                "exception.stacktrace", "java.sql.SQLException: database is locked\n\tat Tasks.update"));
        Span failing = new Span(traceId(7), spanId(2), spanId(1), "UPDATE tasks", SpanKind.CLIENT, "lab-backend",
                start + 100_000, start + 140_000, StatusCode.ERROR, "update failed", Map.of(), List.of(exception),
                List.of(), TestTelemetry.resource("lab-backend"), TestTelemetry.SCOPE);
        store(List.of(root, failing), List.of());

        List<String> lines = run("trace", traceId(7)).out().lines().toList();

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  UPDATE tasks").contains("40 µs")
                .contains("ERROR: update failed").doesNotContain("0.0 ms"));
        int span = lines.indexOf(lines.stream().filter(line -> line.startsWith("  UPDATE tasks")).findFirst().orElseThrow());
        assertThat(lines.get(span + 1)).isEqualTo("    exception java.sql.SQLException: database is locked");
        assertThat(lines.get(0)).contains("2 spans, 2 errors, 2 ms");
    }

    @Test
    void tracesSaysWhenItStopsAtTheLimit() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            spans.add(TestTelemetry.server(traceId(i), "lab-backend", "/api/tasks", ago(Duration.ofMinutes(i)), 5, 200));
        }
        store(spans, List.of());

        CliRun limited = run("traces", "--limit", "2");
        CliRun all = run("traces", "--limit", "3");

        assertThat(limited.out().lines().filter(line -> line.contains("/api/tasks"))).hasSize(2);
        assertThat(limited.out()).contains("Showing the newest 2 traces; more match. See more with --limit N");
        assertThat(all.out().lines().filter(line -> line.contains("/api/tasks"))).hasSize(3);
        assertThat(all.out()).doesNotContain("Showing the newest");
    }

    @Test
    void sliRateIsTheLastStepsNotTheWholeRanges() {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spans.add(TestTelemetry.server(TestTelemetry.traceId(100 + i), "lab-backend", "/api/tasks",
                    ago(Duration.ofMinutes(10).plusSeconds(i)), 5, 200));
        }
        for (int i = 0; i < 3; i++) {
            spans.add(TestTelemetry.server(TestTelemetry.traceId(200 + i), "lab-backend", "/api/tasks",
                    ago(Duration.ofSeconds(2)), 5, 200));
        }
        store(spans, List.of());

        CliRun result = run("sli", "--service", "lab-backend", "--step", "1m");

        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(1)).contains("RATE (LAST 1m)");
        String overall = lines.stream().filter(line -> line.startsWith("(all routes)")).findFirst().orElseThrow();
        // 3 requests in the last minute; over the whole 15 minutes it would read 9 / 900 s = 0.01/s
        assertThat(overall).contains("0.05/s").contains("OK").doesNotContain("0.01/s");
    }

    @Test
    void logsOfATraceAreFoundAtAnyAgeUnlessSinceIsGiven() {
        LogRecord old = TestTelemetry.log(ago(Duration.ofHours(3)), Severity.ERROR, "lab-backend", "database is locked",
                traceId(9), spanId(9));
        store(List.of(), List.of(old));

        CliRun byTrace = run("logs", "--trace-id", traceId(9));
        CliRun bySpan = run("logs", "--span-id", spanId(9));
        CliRun recent = run("logs");
        CliRun byTraceLastHour = run("logs", "--trace-id", traceId(9), "--since", "1h");

        assertThat(byTrace.out()).contains("database is locked");
        assertThat(bySpan.out()).contains("database is locked");
        assertThat(recent.out()).startsWith("No log records match in the last 15m");
        assertThat(byTraceLastHour.out()).startsWith("No log records match in the last 1h");
    }

    @Test
    void logsOfATraceAskLokiForItsLongestRange() {
        try (FixtureServer loki = new FixtureServer()) {
            loki.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-by-trace-id.json"));
            String trace = "1ff8005c23c9c3ff693332aabece5fe8";

            CliRun result = run("logs", "--mode", "remote", "--loki", loki.uri().toString(), "--trace-id", trace);

            assertThat(result.out()).contains("payment failed for order 1");
            long start = Long.parseLong(loki.lastRequest().param("start"));
            assertThat(Duration.ofNanos(ago(Duration.ZERO) - start)).isBetween(Duration.ofDays(30).minusMinutes(2),
                    Duration.ofDays(30).plusMinutes(1));
        }
    }
}
