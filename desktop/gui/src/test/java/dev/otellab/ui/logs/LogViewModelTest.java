package dev.otellab.ui.logs;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.NoLogs;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogViewModelTest {
    private static final long NOW = TimeRange.toNanos(TestExecutors.CLOCK.instant());
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final TestExecutors.QueuedUi ui = new TestExecutors.QueuedUi();
    private final UiExecutors executors = new UiExecutors(Runnable::run, ui, timer, TestExecutors.CLOCK);
    private final List<String> openedTraces = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void showTrace(String traceId) {
            openedTraces.add(traceId);
        }

        @Override
        public void showLogs(LogFilter filter) {
        }

        @Override
        public void showLab() {
        }
    };

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static LogRecord record(int number) {
        return record(number, Severity.INFO, "");
    }

    private static LogRecord record(int number, Severity severity, String traceId) {
        return new LogRecord(NOW + number * 1_000L, 0, severity.lowestNumber(), "", "record " + number, "lab-backend",
                traceId, traceId.isEmpty() ? "" : "00f067aa0ba902b7", Map.of("n", (long) number),
                new Resource(Map.of("service.name", "lab-backend")), null);
    }

    private static List<LogRecord> records(int from, int to) {
        return IntStream.range(from, to).mapToObj(LogViewModelTest::record).toList();
    }

    @Test
    void aModeWithoutLogsSaysSoAndQueriesNothing() {
        LogViewModel model = new LogViewModel(new NoLogs("This mode has no logs: traces come from Jaeger."), executors,
                navigator);

        model.start();
        ui.runAll();

        assertThat(model.noLogsProperty().get()).isEqualTo("This mode has no logs: traces come from Jaeger.");
        assertThat(model.errorMessageProperty().get()).isEmpty();
        assertThat(model.records()).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void showsTheHistoryOldestFirstThenFollowsTheTail() {
        SampleTelemetry sample = SampleTelemetry.generate(TestExecutors.CLOCK, 20);
        InMemoryTelemetry telemetry = sample.toTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator);
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        model.start();
        ui.runAll();

        assertThat(model.records()).hasSize(sample.logs().size());
        assertThat(model.records()).isSortedAccordingTo(java.util.Comparator.comparingLong(LogRecord::timeUnixNano));
        assertThat(model.services()).containsExactly("lab-backend", "notification-service");
        assertThat(telemetry.openTails()).isEqualTo(1);

        telemetry.publish(List.of(record(1)));
        model.drain();
        assertThat(model.records()).last().isEqualTo(record(1));
        assertThat(model.countTextProperty().get()).isEqualTo(sample.logs().size() + 1 + " records");
    }

    @Test
    void theBufferKeepsTheNewestRecordsUpToItsCapacity() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator, 100);
        model.start();
        ui.runAll();

        telemetry.publish(records(0, 60));
        model.drain();
        telemetry.publish(records(60, 130));
        model.drain();
        assertThat(model.records()).hasSize(100);
        assertThat(model.records().get(0)).isEqualTo(record(30));
        assertThat(model.records()).last().isEqualTo(record(129));
        assertThat(model.countTextProperty().get()).isEqualTo("100 records (the newest 100 are kept)");

        telemetry.publish(records(130, 400));
        model.drain();
        assertThat(model.records()).hasSize(100).first().isEqualTo(record(300));
        assertThat(model.droppedCountProperty().get()).isEqualTo(170);
    }

    @Test
    void recordsArrivingLateAreShownInTimeOrder() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator, 5);
        model.start();
        ui.runAll();

        telemetry.publish(List.of(record(10), record(30), record(20)));
        model.drain();
        telemetry.publish(List.of(record(25), record(40), record(5)));
        model.drain();

        // six records in time order, room for five: the oldest (record 5) goes
        assertThat(model.records()).containsExactly(record(10), record(20), record(25), record(30), record(40));
        telemetry.publish(List.of(record(35)));
        model.drain();
        assertThat(model.records()).containsExactly(record(20), record(25), record(30), record(35), record(40));
    }

    @Test
    void pausingKeepsTheBufferAndCountsWhatArrives() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator, 100);
        model.start();
        ui.runAll();
        telemetry.publish(records(0, 10));
        model.drain();

        model.pause();
        telemetry.publish(records(10, 25));
        model.drain();
        telemetry.publish(records(25, 30));
        model.drain();
        assertThat(model.records()).hasSize(10);
        assertThat(model.newWhilePausedProperty().get()).isEqualTo(20);

        model.resume();
        assertThat(model.followProperty().get()).isTrue();
        assertThat(model.records()).hasSize(30).last().isEqualTo(record(29));
        assertThat(model.newWhilePausedProperty().get()).isZero();
    }

    @Test
    void coalescesAFloodFromAnotherThreadIntoFewDrains() throws Exception {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator);
        model.start();
        ui.runAll();
        int batches = 5_000;
        int perBatch = 10;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int batch = 0; batch < batches; batch++) {
                    telemetry.publish(records(batch * perBatch, (batch + 1) * perBatch));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "tail-producer");
        int executedBefore = ui.executed();
        producer.start();

        LogRecord newest = record(batches * perBatch - 1);
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            ui.runAll(); // this test thread plays the FX thread
            return !producer.isAlive() && !model.records().isEmpty() && model.records().get(model.records().size() - 1).equals(newest);
        });

        assertThat(failure.get()).isNull();
        assertThat(model.records()).hasSize(LogViewModel.DEFAULT_CAPACITY);
        assertThat(model.records().get(0)).isEqualTo(record(batches * perBatch - LogViewModel.DEFAULT_CAPACITY));
        assertThat(model.records()).isSortedAccordingTo(java.util.Comparator.comparingLong(LogRecord::timeUnixNano));
        assertThat(ui.executed() - executedBefore).as("UI tasks: far fewer than the batches (one drain per 100 ms)").isLessThan(batches);
    }

    @Test
    void theFormBuildsTheFilterAndValidatesIds() {
        LogViewModel model = new LogViewModel(new InMemoryTelemetry(), executors, navigator);
        model.serviceProperty().set(" lab-backend ");
        model.minSeverityProperty().set(Severity.WARN);
        model.textProperty().set(" task ");
        model.traceIdProperty().set("4BF92F3577B34DA6A3CE929D0E0E4736");
        assertThat(model.filter()).isEqualTo(new LogFilter(java.util.Set.of("lab-backend"), Severity.WARN, "task",
                TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736"), null));

        model.traceIdProperty().set("4bf92f");
        model.spanIdProperty().set("xyz");
        assertThat(model.traceIdErrorProperty().get()).startsWith("A trace id is 32 hexadecimal characters");
        assertThat(model.spanIdErrorProperty().get()).startsWith("A span id is 16 hexadecimal characters");
        assertThat(model.canApplyProperty().get()).isFalse();
        model.apply();
        assertThat(model.errorMessageProperty().get()).startsWith("A trace id is 32 hexadecimal characters");
    }

    @Test
    void severalServicesMakeOneFilterAndAreOfferedBeforeTheirRecordsAreSeen() {
        LogViewModel model = new LogViewModel(new InMemoryTelemetry(), executors, navigator);

        model.chooseServices(List.of("lab-web", "lab-backend"));

        assertThat(model.serviceProperty().get()).isEqualTo("lab-backend, lab-web");
        assertThat(model.filter().services()).containsExactlyInAnyOrder("lab-backend", "lab-web");
        assertThat(model.services()).containsExactly("lab-backend", "lab-web");
        model.serviceProperty().set(" checkout ,, lab-web ");
        assertThat(model.chosenServices()).containsExactly("checkout", "lab-web");
        model.chooseServices(List.of());
        assertThat(model.filter().services()).as("none chosen: any service").isEmpty();

        model.showLogs(LogFilter.ALL.withServices(java.util.Set.of("lab-web", "lab-browser")));
        assertThat(model.chosenServices()).containsExactly("lab-browser", "lab-web");
    }

    @Test
    void showLogsForATraceFindsItsRecordsWhateverTheirAgeAndOpensTheTraceBack() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogRecord old = new LogRecord(1_000L, 0, 9, "", "an old one", "lab-backend", traceId, "", Map.of(), null, null);
        telemetry.addLogs(List.of(old, record(1, Severity.ERROR, traceId), record(2), record(3, Severity.INFO, traceId)));
        LogViewModel model = new LogViewModel(telemetry, executors, navigator);

        model.showLogs(LogFilter.forTrace(TraceId.parse(traceId)));
        ui.runAll();
        assertThat(model.records()).extracting(LogRecord::body).containsExactly("an old one", "record 1", "record 3");
        assertThat(model.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.ANY_TIME);

        telemetry.publish(List.of(record(4), record(5, Severity.WARN, traceId)));
        model.drain();
        assertThat(model.records()).extracting(LogRecord::body).endsWith("record 5").doesNotContain("record 4");

        model.openTrace(model.records().get(0));
        model.openTrace(record(2));
        assertThat(openedTraces).containsExactly(traceId);
    }

    @Test
    void aNewFilterReplacesTheTail() {
        InMemoryTelemetry telemetry = new InMemoryTelemetry();
        LogViewModel model = new LogViewModel(telemetry, executors, navigator);
        model.start();
        model.minSeverityProperty().set(Severity.ERROR);
        model.apply();
        ui.runAll();
        assertThat(telemetry.openTails()).isEqualTo(1);

        telemetry.publish(List.of(record(1), record(2, Severity.ERROR, "")));
        model.drain();
        assertThat(model.records()).extracting(LogRecord::body).containsExactly("record 2");
        model.close();
        assertThat(telemetry.openTails()).isZero();
    }

    @Test
    void remembersFiltersButNotIds() {
        LogViewModel model = new LogViewModel(new InMemoryTelemetry(), executors, navigator);
        model.minSeverityProperty().set(Severity.WARN);
        model.textProperty().set("task");
        model.traceIdProperty().set("4bf92f3577b34da6a3ce929d0e0e4736");
        model.followProperty().set(false);
        LogViewModel restored = new LogViewModel(new InMemoryTelemetry(), executors, navigator);
        restored.restoreState(model.saveState());
        assertThat(restored.minSeverityProperty().get()).isEqualTo(Severity.WARN);
        assertThat(restored.textProperty().get()).isEqualTo("task");
        assertThat(restored.traceIdProperty().get()).isEmpty();
        assertThat(restored.followProperty().get()).isFalse();
        restored.restoreState(Map.of("minSeverity", "LOUD"));
        assertThat(restored.minSeverityProperty().get()).isEqualTo(Severity.UNSPECIFIED);
    }
}
