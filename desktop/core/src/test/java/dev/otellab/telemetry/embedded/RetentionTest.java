package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.resource;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetentionTest {
    @TempDir
    Path dir;

    private static long hoursAgo(double hours) {
        return TimeRange.toNanos(Instant.now()) - (long) (hours * 3_600_000_000_000L);
    }

    private static List<Span> trace(int n, long start, int spans) {
        List<Span> list = new ArrayList<>();
        for (int i = 1; i <= spans; i++) {
            list.add(span(traceId(n), spanId(i), i == 1 ? "" : spanId(1), "tasks", "span " + i, SpanKind.INTERNAL,
                    start + i * 1_000_000L, 1, StatusCode.UNSET,
                    Map.of("payload", "x".repeat(200), "n", (long) i)));
        }
        return list;
    }

    private static MetricPoint metric(long time) {
        return new MetricPoint("requests", "", "1", MetricType.SUM, true, "tasks", time, time, Map.of(), 1, 0, 0,
                List.of(), List.of(), resource("tasks"));
    }

    @Test
    void dataOlderThanTheMaximumAgeIsPrunedWithoutTouchingNewerData() {
        StoreSettings settings = StoreSettings.DEFAULT.withRetention(new RetentionPolicy(Duration.ofHours(24), 1L << 30));
        try (TelemetryStore store = TelemetryStore.open(dir, settings)) {
            List<Span> oldSpans = new ArrayList<>(trace(1, hoursAgo(30), 3));
            oldSpans.addAll(trace(2, hoursAgo(25), 3));
            store.accept(TelemetryBatch.ofSpans(oldSpans)).toCompletableFuture().join(); // a write of its own
            List<Span> spans = trace(3, hoursAgo(1), 3);
            List<LogRecord> logs = List.of(log(hoursAgo(26), Severity.INFO, "tasks", "old", traceId(1), spanId(1)),
                    log(hoursAgo(2), Severity.INFO, "tasks", "new", traceId(3), spanId(1)));
            store.accept(new TelemetryBatch(spans, logs, List.of(metric(hoursAgo(48)), metric(hoursAgo(3)))))
                    .toCompletableFuture().join();

            TelemetryStore.PruneReport report = store.pruneNow();

            assertThat(report.traces()).isEqualTo(2);
            assertThat(report.spans()).isEqualTo(6);
            assertThat(report.logs()).isEqualTo(1);
            assertThat(report.metricPoints()).isEqualTo(1);
            assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10))
                    .extracting(TraceSummary::traceId).containsExactly(traceId(3));
            assertThat(store.traces().trace(TraceId.parse(traceId(1)))).isEmpty();
            assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.OLDEST_FIRST))
                    .extracting(LogRecord::body).containsExactly("new");
            assertThat(store.metrics().points("requests", TimeRange.all(), 10)).hasSize(1);
            assertThat(rows(store, "span_name_traces")).as("the name rows of the pruned write are gone").isEqualTo(3);
            assertThat(rows(store, "trace_logs")).as("the trace's range of the pruned record is gone").isEqualTo(1);
            assertThat(store.logs().query(LogFilter.forTrace(TraceId.parse(traceId(3))), TimeRange.all(), 10,
                    QueryDirection.OLDEST_FIRST)).extracting(LogRecord::body).containsExactly("new");
        }
    }

    private static long rows(TelemetryStore store, String table) {
        return store.onWriter(connection -> {
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        }).join();
    }

    @Test
    void overTheSizeLimitTheOldestTracesGoFirst() {
        long limit = 1L << 20;
        StoreSettings settings = StoreSettings.DEFAULT.withRetention(new RetentionPolicy(Duration.ofDays(7), limit));
        try (TelemetryStore store = TelemetryStore.open(dir, settings)) {
            for (int n = 1; n <= 400; n++) {
                store.accept(TelemetryBatch.ofSpans(trace(n, hoursAgo(2) + n * 1_000_000_000L, 10)))
                        .toCompletableFuture().join();
            }
            assertThat(store.size().usedBytes()).isGreaterThan(limit);

            TelemetryStore.PruneReport report = store.pruneNow();

            assertThat(report.traces()).isPositive();
            assertThat(store.size().usedBytes()).isLessThanOrEqualTo(limit);
            List<TraceSummary> kept = store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 1000);
            assertThat(kept).hasSize((int) (400 - report.traces()));
            assertThat(kept.get(0).traceId()).isEqualTo(traceId(400));
            assertThat(store.traces().trace(TraceId.parse(traceId(1)))).isEmpty();
        }
    }

    @Test
    void theBackgroundPrunerAppliesThePolicyOnItsOwn() {
        StoreSettings settings = StoreSettings.DEFAULT.withRetention(new RetentionPolicy(Duration.ofHours(1), 1L << 30))
                .withPruneInterval(Duration.ofMillis(100));
        try (TelemetryStore store = TelemetryStore.open(dir, settings)) {
            List<Span> spans = new ArrayList<>(trace(1, hoursAgo(2), 2));
            spans.addAll(trace(2, hoursAgo(0.1), 2));
            store.accept(TelemetryBatch.ofSpans(spans)).toCompletableFuture().join();

            await().atMost(Duration.ofSeconds(10)).until(() -> store.traces().trace(TraceId.parse(traceId(1))).isEmpty());
            assertThat(store.traces().trace(TraceId.parse(traceId(2)))).isPresent();
        }
    }
}
