package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.resource;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store's write-ahead journal (decision 0053): what it acknowledges reaches the tables, now or after a restart. */
class IngestJournalTest {
    @TempDir
    Path dir;

    private static Span richSpan(int n) {
        return new Span(traceId(n), spanId(2), spanId(1), "POST /api/tasks", SpanKind.SERVER, "tasks", at(10), at(25),
                StatusCode.ERROR, "boom", Map.of("http.route", "/api/tasks/{id}", "http.response.status_code", 500L,
                        "custom.double", 3.25, "custom.list", List.of("a", "b")),
                List.of(new SpanEvent(at(12), "exception", Map.of("exception.type", "java.io.IOException"))),
                List.of(new SpanLink(traceId(99), spanId(9), Map.of("link.reason", "batch"))),
                new Resource(Map.of("service.name", "tasks", "process.pid", 4242L)),
                new InstrumentationScope("io.opentelemetry.jdbc", "2.31.1"));
    }

    private static LogRecord untracedLog() {
        return new LogRecord(0, at(7), 9, "", "started", "", null, null, Map.of(), resource("web"), null);
    }

    @Test
    void aRecordGivesBackTheRowsItWasMadeOf() {
        EncodedBatch rows = EncodedBatch.of(new TelemetryBatch(List.of(richSpan(1), span(traceId(2), spanId(1), "",
                "web", "GET /", SpanKind.CLIENT, at(1), 2, StatusCode.UNSET, Map.of())),
                List.of(log(at(5), Severity.ERROR, "tasks", "Task 7 not found", traceId(1), spanId(2)), untracedLog()),
                List.of()));

        JournalRecord record = JournalRecord.encode(rows);
        EncodedBatch decoded = JournalRecord.decode(java.nio.ByteBuffer.wrap(record.bytes(), JournalRecord.HEADER_BYTES,
                record.length() - JournalRecord.HEADER_BYTES).slice());

        assertThat(decoded.spans()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows.spans());
        assertThat(decoded.logs()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows.logs());
        assertThat(decoded.spans().get(0).resource()).isEqualTo(rows.spans().get(0).resource());
    }

    @Test
    void spansAndLogsAcceptedDurablyBecomeReadableAndEqual() {
        LogRecord log = log(at(5), Severity.WARN, "tasks", "slow", traceId(1), spanId(2));
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.acceptDurably(new TelemetryBatch(List.of(richSpan(1)), List.of(log, untracedLog()), List.of()))
                    .toCompletableFuture().join();

            await().atMost(Duration.ofSeconds(10)).until(() -> store.traces().trace(TraceId.parse(traceId(1))).isPresent());
            Span stored = store.traces().trace(TraceId.parse(traceId(1))).orElseThrow().spans().get(0);
            assertThat(stored).usingRecursiveComparison().isEqualTo(richSpan(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.OLDEST_FIRST))
                            .containsExactly(log, untracedLog()));
        }
    }

    private static TelemetryBatch spanAndLog(int n) {
        return new TelemetryBatch(List.of(richSpan(n)),
                List.of(log(at(n), Severity.INFO, "tasks", "record " + n, traceId(n), spanId(2))), List.of());
    }

    @Test
    void aRestartStoresWhatTheJournalAcknowledgedAndTheTablesMissed() throws IOException {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(spanAndLog(1)).toCompletableFuture().join();
        }
        // As a writer stopped by kill -9 leaves it: records appended (acknowledged) after the mark.
        try (IngestJournal journal = IngestJournal.open(dir)) {
            for (int n = 2; n <= 4; n++) {
                journal.append(JournalRecord.encode(EncodedBatch.of(spanAndLog(n))));
            }
        }

        try (TelemetryStore store = TelemetryStore.open(dir)) {
            for (int n = 1; n <= 4; n++) {
                assertThat(store.traces().trace(TraceId.parse(traceId(n)))).as("trace %d", n).isPresent();
            }
        }
        try (TelemetryStore store = TelemetryStore.open(dir)) { // replayed once, not at every open
            assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 100, QueryDirection.OLDEST_FIRST))
                    .extracting(LogRecord::body).containsExactly("record 1", "record 2", "record 3", "record 4");
        }
        assertThat(segments()).as("written segments are deleted").hasSize(1);
    }

    @Test
    void aTornLastRecordIsSkippedAndTheWholeOnesBeforeItAreStored() throws IOException {
        Path segment;
        try (IngestJournal journal = IngestJournal.open(dir)) {
            journal.append(JournalRecord.encode(EncodedBatch.of(TelemetryBatch.ofSpans(List.of(richSpan(1))))));
            journal.append(JournalRecord.encode(EncodedBatch.of(TelemetryBatch.ofSpans(List.of(richSpan(2))))));
            segment = segments().get(0);
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() - 10); // the process stopped in the middle of the second write
        }

        try (TelemetryStore store = TelemetryStore.open(dir)) {
            assertThat(store.traces().trace(TraceId.parse(traceId(1)))).isPresent();
            assertThat(store.traces().trace(TraceId.parse(traceId(2)))).isEmpty();
        }
    }

    @Test
    void appendsMoveToANewSegmentOnceOneIsFullAndReplayReadsThemInOrder() throws IOException {
        List<JournalPosition> positions = new ArrayList<>();
        try (IngestJournal journal = IngestJournal.open(dir, 1024)) {
            for (int n = 1; n <= 20; n++) {
                positions.add(journal.append(JournalRecord.encode(
                        EncodedBatch.of(TelemetryBatch.ofSpans(List.of(richSpan(n)))))));
            }
        }
        assertThat(positions).isSorted();
        assertThat(segments().size()).isGreaterThan(2);

        try (IngestJournal journal = IngestJournal.open(dir, 1024)) {
            List<String> replayed = new ArrayList<>();
            journal.replay(positions.get(9), (batch, position) ->
                    replayed.add(TraceId.fromBytes(batch.spans().get(0).traceId()).hex()));
            List<String> expected = new ArrayList<>();
            for (int n = 11; n <= 20; n++) {
                expected.add(traceId(n));
            }
            assertThat(replayed).containsExactlyElementsOf(expected);

            journal.releaseBefore(positions.get(19));
            assertThat(segments()).hasSizeLessThan(3);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(IngestJournal.FOLDER))) {
            return files.sorted().toList();
        }
    }
}
