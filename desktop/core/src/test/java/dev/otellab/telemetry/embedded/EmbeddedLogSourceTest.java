package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedLogSourceTest {
    @TempDir
    Path dir;
    TelemetryStore store;

    @BeforeEach
    void open() {
        store = TelemetryStore.open(dir);
        // Stored out of time order on purpose: queries order by time, not arrival.
        ingest(List.of(
                log(at(30), Severity.ERROR, "tasks", "Task 7 NOT found", traceId(1), spanId(2)),
                log(at(10), Severity.INFO, "tasks", "listing tasks", traceId(1), spanId(1)),
                log(at(20), Severity.WARN, "frontend", "slow upstream", traceId(2), spanId(3)),
                log(at(40), Severity.DEBUG, "frontend", "cache miss for task 7", "", ""),
                log(at(50), Severity.FATAL, "checkout", "out of memory", traceId(3), spanId(4))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void ingest(List<LogRecord> logs) {
        store.accept(TelemetryBatch.ofLogs(logs)).toCompletableFuture().join();
    }

    private List<String> bodies(LogFilter filter) {
        return bodies(filter, TimeRange.all(), 100, QueryDirection.OLDEST_FIRST);
    }

    private List<String> bodies(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        return store.logs().query(filter, range, limit, direction).stream().map(LogRecord::body).toList();
    }

    @Test
    void queriesOrderByTimeInBothDirectionsWithALimit() {
        List<String> oldestFirst = List.of("listing tasks", "slow upstream", "Task 7 NOT found", "cache miss for task 7",
                "out of memory");
        List<String> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);

        assertThat(bodies(LogFilter.ALL)).containsExactlyElementsOf(oldestFirst);
        assertThat(bodies(LogFilter.ALL, TimeRange.all(), 100, QueryDirection.NEWEST_FIRST))
                .containsExactlyElementsOf(newestFirst);
        assertThat(bodies(LogFilter.ALL, TimeRange.all(), 2, QueryDirection.NEWEST_FIRST))
                .containsExactly("out of memory", "cache miss for task 7");
        assertThat(bodies(LogFilter.ALL, TimeRange.all(), 2, QueryDirection.OLDEST_FIRST))
                .containsExactly("listing tasks", "slow upstream");
    }

    @Test
    void aLimitEndingInsideATimeSlotTakesThatSlotsRecordsByTimeNotByArrival() {
        long slot = (at(5_000) >> TimeBucket.SHIFT) << TimeBucket.SHIFT;
        ingest(List.of(log(slot - 2_000_000, Severity.INFO, "tasks", "match in the slot before", "", "")));
        // one slot (16.8 ms), out of time order, with a record the text does not match between
        ingest(List.of(
                log(slot + 3_000_000, Severity.INFO, "tasks", "match a", "", ""),
                log(slot + 1_000, Severity.INFO, "tasks", "match b", "", ""),
                log(slot + 8_000_000, Severity.INFO, "tasks", "match d", "", ""),
                log(slot + 9_000_000, Severity.INFO, "tasks", "other", "", ""),
                log(slot + 5_000_000, Severity.INFO, "tasks", "match c", "", "")));
        LogFilter matching = LogFilter.ALL.withText("match");

        assertThat(bodies(matching, TimeRange.all(), 1, QueryDirection.NEWEST_FIRST)).containsExactly("match d");
        assertThat(bodies(matching, TimeRange.all(), 3, QueryDirection.NEWEST_FIRST))
                .containsExactly("match d", "match c", "match a");
        assertThat(bodies(matching, TimeRange.all(), 2, QueryDirection.OLDEST_FIRST))
                .containsExactly("match in the slot before", "match b");
        assertThat(bodies(LogFilter.ALL, TimeRange.all(), 1, QueryDirection.NEWEST_FIRST)).containsExactly("other");
        assertThat(bodies(matching, new TimeRange(slot + 2_000, slot + 6_000_000), 1, QueryDirection.NEWEST_FIRST))
                .containsExactly("match c");
        assertThat(bodies(matching, TimeRange.all(), 0, QueryDirection.NEWEST_FIRST)).isEmpty();
    }

    @Test
    void eachFilterNarrowsTheResult() {
        assertThat(bodies(LogFilter.forTrace(TraceId.parse(traceId(1))))).containsExactly("listing tasks", "Task 7 NOT found");
        assertThat(bodies(LogFilter.forSpan(TraceId.parse(traceId(1)), SpanId.parse(spanId(2))))).containsExactly("Task 7 NOT found");
        assertThat(bodies(LogFilter.ALL.withServices(Set.of("frontend", "checkout"))))
                .containsExactly("slow upstream", "cache miss for task 7", "out of memory");
        assertThat(bodies(LogFilter.ALL.withMinSeverity(Severity.WARN)))
                .containsExactly("slow upstream", "Task 7 NOT found", "out of memory");
        assertThat(bodies(LogFilter.ALL.withText("TASK 7"))).containsExactly("Task 7 NOT found", "cache miss for task 7");
        assertThat(bodies(LogFilter.ALL, new TimeRange(at(20), at(40)), 100, QueryDirection.OLDEST_FIRST))
                .containsExactly("slow upstream", "Task 7 NOT found");
        assertThat(bodies(LogFilter.forTrace(TraceId.parse(traceId(9))))).isEmpty();
    }

    @Test
    void aTraceSentOverSeveralRequestsAmongOtherTracesGetsExactlyItsRecords() {
        for (int request = 0; request < 3; request++) {
            List<LogRecord> logs = new ArrayList<>();
            for (int i = 0; i < 6; i++) { // traces 5 and 6 interleaved with others in every request
                String trace = traceId(i % 2 == 0 ? 5 + request % 2 : 7 + i);
                logs.add(log(at(100 + request * 10 + i), Severity.INFO, "tasks", "r" + request + " " + i, trace,
                        spanId(1 + i % 3)));
            }
            ingest(logs);
        }

        assertThat(bodies(LogFilter.forTrace(TraceId.parse(traceId(5)))))
                .containsExactly("r0 0", "r0 2", "r0 4", "r2 0", "r2 2", "r2 4");
        assertThat(bodies(LogFilter.forSpan(TraceId.parse(traceId(6)), SpanId.parse(spanId(2)))))
                .containsExactly("r1 4");
        assertThat(bodies(LogFilter.forTrace(TraceId.parse(traceId(5))), new TimeRange(at(102), at(121)), 100,
                QueryDirection.NEWEST_FIRST)).containsExactly("r2 0", "r0 4", "r0 2");
    }

    @Test
    void storedRecordsMatchTheFilterPredicateOfThePort() {
        LogFilter filter = LogFilter.ALL.withText("task").withMinSeverity(Severity.INFO);

        assertThat(store.logs().query(filter, TimeRange.all(), 100, QueryDirection.OLDEST_FIRST))
                .allMatch(filter::matches).hasSize(2);
    }

    @Test
    void aTailDeliversOnlyNewMatchingRecordsOldestFirstUntilClosed() {
        List<LogRecord> received = new CopyOnWriteArrayList<>();
        Subscription tail = store.logs().tail(LogFilter.ALL.withServices(Set.of("tasks")), received::addAll);

        ingest(List.of(log(at(60), Severity.INFO, "tasks", "new one", "", ""),
                log(at(61), Severity.INFO, "frontend", "other service", "", ""),
                log(at(62), Severity.INFO, "tasks", "new two", "", "")));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received).extracting(LogRecord::body).containsExactly("new one", "new two");

        tail.close();
        ingest(List.of(log(at(70), Severity.INFO, "tasks", "after close", "", "")));
        List<LogRecord> checkpoint = new CopyOnWriteArrayList<>();
        Subscription witness = store.logs().tail(LogFilter.ALL, checkpoint::addAll);
        ingest(List.of(log(at(71), Severity.INFO, "tasks", "witness", "", "")));
        // Once a later tail saw a later record, the closed one had every chance to deliver.
        await().atMost(Duration.ofSeconds(10)).until(() -> !checkpoint.isEmpty());
        witness.close();
        assertThat(received).extracting(LogRecord::body).containsExactly("new one", "new two");
        tail.close();
    }

    @Test
    void aTailSeesRecordsWrittenByAnotherConnection() {
        List<LogRecord> received = new CopyOnWriteArrayList<>();
        try (TelemetryStore reader = TelemetryStore.openReadOnly(dir)) {
            Subscription tail = reader.logs().tail(LogFilter.ALL.withMinSeverity(Severity.ERROR), received::addAll);
            ingest(List.of(log(at(80), Severity.ERROR, "tasks", "seen by the reader", "", "")));

            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received).extracting(LogRecord::body).containsExactly("seen by the reader");
            tail.close();
        }
    }
}
