package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.server;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IngestBackPressureTest {
    @TempDir
    Path dir;

    private static TelemetryBatch spans(int trace, int count) {
        List<Span> spans = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            spans.add(server(traceId(trace), "tasks", "/api/tasks", at(i), 5, 200));
        }
        return TelemetryBatch.ofSpans(spans);
    }

    @Test
    void aFullQueueRefusesAtOnceWithARetryHintAndAcceptsAgainOnceDrained() throws Exception {
        try (TelemetryStore store = TelemetryStore.open(dir, StoreSettings.DEFAULT.withQueueCapacity(10))) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> blocker = store.onWriter(connection -> {
                release.await();
                return null;
            });

            CompletableFuture<Void> first = store.accept(spans(1, 8)).toCompletableFuture();
            StoreSaturatedException refused = catchThrowableOfType(StoreSaturatedException.class,
                    () -> store.accept(spans(2, 5)));
            assertThat(refused.retryAfter()).isPositive();
            assertThat(store.queuedItems()).isEqualTo(8);
            assertThat(first).isNotDone();

            release.countDown();
            blocker.join();
            first.join();
            store.accept(spans(3, 5)).toCompletableFuture().join();

            assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10))
                    .extracting(summary -> summary.traceId()).containsExactlyInAnyOrder(traceId(1), traceId(3));
        }
    }

    @Test
    void aBatchWithMissingOrMalformedIdsIsRefusedAndTheOthersAreStored() throws Exception {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> blocker = store.onWriter(connection -> {
                release.await();
                return null;
            });
            CompletableFuture<Void> before = store.accept(spans(1, 3)).toCompletableFuture();
            Span withoutTraceId = new Span("", "00000000000000aa", "", "broken", null, "tasks", at(0), at(1), null, "",
                    null, null, null, null, null);
            CompletableFuture<Void> broken = store.accept(TelemetryBatch.ofSpans(List.of(withoutTraceId)))
                    .toCompletableFuture();
            CompletableFuture<Void> after = store.accept(spans(2, 3)).toCompletableFuture();
            CompletableFuture<Void> notHex = store.accept(TelemetryBatch.ofSpans(List.of(new Span("zz", "zz", "", "x",
                    null, "tasks", 0, 0, null, "", null, null, null, null, null)))).toCompletableFuture();

            release.countDown();
            blocker.join();
            before.join();
            after.join();

            assertThat(broken).isCompletedExceptionally();
            assertThat(notHex).isCompletedExceptionally();
            assertThat(store.queuedItems()).isZero();
            assertThat(store.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10))
                    .extracting(summary -> summary.traceId()).containsExactlyInAnyOrder(traceId(1), traceId(2));
        }
    }

    @Test
    void aBatchLargerThanTheQueueIsTakenWhenTheQueueIsEmpty() {
        try (TelemetryStore store = TelemetryStore.open(dir, StoreSettings.DEFAULT.withQueueCapacity(4))) {
            store.accept(spans(1, 20)).toCompletableFuture().join();

            assertThat(store.traces().trace(TraceId.parse(traceId(1))).orElseThrow().spans()).hasSize(20);
        }
    }

    @Test
    void closingWritesWhatWasAccepted() {
        TelemetryStore store = TelemetryStore.open(dir);
        List<CompletableFuture<Void>> acks = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            acks.add(store.accept(spans(i, 3)).toCompletableFuture());
        }
        store.close();

        assertThat(acks).allMatch(ack -> ack.isDone() && !ack.isCompletedExceptionally());
        try (TelemetryStore reopened = TelemetryStore.openReadOnly(dir)) {
            assertThat(reopened.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 100)).hasSize(20);
        }
    }
}
