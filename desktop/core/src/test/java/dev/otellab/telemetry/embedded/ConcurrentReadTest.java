package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.server;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentReadTest {
    private static final int TRACES = 2_000;
    private static final int SPANS = 5;

    @TempDir
    Path dir;

    /** Trace n: a root and four children, all in one batch, so a reader must see all or none. */
    private static List<Span> trace(int n) {
        List<Span> spans = new ArrayList<>();
        spans.add(server(traceId(n), "frontend", "/api/" + (n % 7), at(n), 20, n % 10 == 0 ? 500 : 200));
        String root = spans.get(0).spanId();
        for (int i = 1; i < SPANS; i++) {
            spans.add(span(traceId(n), spanId(1_000_000L + n * 10L + i), root, "tasks", "child " + i,
                    dev.otellab.telemetry.model.SpanKind.INTERNAL, at(n) + i, 1,
                    dev.otellab.telemetry.model.StatusCode.UNSET, java.util.Map.of("i", (long) i)));
        }
        return spans;
    }

    private static List<CompletableFuture<Void>> writeAll(TelemetryStore store) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int n = 1; n <= TRACES; n++) {
            List<LogRecord> logs = List.of(log(at(n), Severity.INFO, "tasks", "trace " + n, traceId(n), ""));
            acks.add(store.accept(new TelemetryBatch(trace(n), logs, List.of())).toCompletableFuture());
        }
        return acks;
    }

    @Test
    void readersInThisProcessSeeWholeBatchesWhileTheWriterIngests() {
        try (TelemetryStore store = TelemetryStore.open(dir, StoreSettings.DEFAULT.withQueueCapacity(1_000_000))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<Throwable> problems = new CopyOnWriteArrayList<>();
            Runnable reader = () -> {
                while (writing.get()) {
                    try {
                        for (TraceSummary summary : store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 5)) {
                            Trace trace = store.traces().trace(summary.id()).orElseThrow();
                            if (trace.spans().size() != SPANS || summary.spanCount() != SPANS) {
                                problems.add(new AssertionError("partial trace " + summary));
                            }
                        }
                        store.slis().sli("frontend", new TimeRange(at(0), at(TRACES + 1)), Duration.ofSeconds(1));
                        store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST);
                        reads.incrementAndGet();
                    } catch (RuntimeException | AssertionError e) {
                        problems.add(e);
                    }
                }
            };
            Thread first = new Thread(reader, "reader-1");
            Thread second = new Thread(reader, "reader-2");
            first.start();
            second.start();

            List<CompletableFuture<Void>> acks = writeAll(store);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            await().atMost(Duration.ofSeconds(60)).until(() -> reads.get() >= 20);
            writing.set(false);
            join(first);
            join(second);

            assertThat(problems).isEmpty();
            assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10_000)).hasSize(TRACES);
        }
    }

    @Test
    void aSeparateReadOnlyConnectionReadsCommittedDataWhileTheWriterIngests() {
        try (TelemetryStore writer = TelemetryStore.open(dir, StoreSettings.DEFAULT.withQueueCapacity(1_000_000));
             TelemetryStore reader = TelemetryStore.openReadOnly(dir)) {
            List<CompletableFuture<Void>> acks = writeAll(writer);
            List<Integer> seen = new ArrayList<>();
            while (!acks.get(acks.size() - 1).isDone()) {
                long acked = acks.stream().filter(CompletableFuture::isDone).count();
                int visible = reader.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10_000).size();
                // Whatever the writer acknowledged before the query started is visible to the reader.
                assertThat(visible).isGreaterThanOrEqualTo((int) acked);
                seen.add(visible);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

            assertThat(reader.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10_000)).hasSize(TRACES);
            assertThat(reader.logs().query(LogFilter.forTrace(TraceId.parse(traceId(TRACES))), TimeRange.all(), 10,
                    QueryDirection.NEWEST_FIRST)).hasSize(1);
            assertThat(seen).isSorted();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
