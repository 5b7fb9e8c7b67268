package dev.otellab.ui.lab;

import dev.otellab.lab.LabStartException;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TestExecutors.QueuedUi;
import dev.otellab.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lab view's state machine, output coalescing and traffic controls, without a screen. */
class LabViewModelTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final FakeLabEngine engine = new FakeLabEngine();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
        engine.close();
    }

    /** Everything runs on the calling thread: each call finishes what it starts. */
    private LabViewModel direct() {
        return new LabViewModel(engine, TestExecutors.direct(timer), Runnable::run);
    }

    @Test
    void aStoppedLabCanOnlyStart() {
        LabViewModel model = direct();

        assertThat(model.stateProperty().get()).isEqualTo(LabState.STOPPED);
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(model.canStopProperty().get()).isFalse();
        assertThat(model.canRestartProperty().get()).isFalse();
        assertThat(model.canStartTrafficProperty().get()).isFalse();
        assertThat(model.parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);
        assertThat(model.trafficTextProperty().get()).isEmpty();
    }

    @Test
    void startRunsOnTheControlExecutorAndDisablesTheButtonsUntilItIsDone() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);

        model.start();

        assertThat(engine.starts).hasValue(0);
        assertThat(model.stateProperty().get()).isEqualTo(LabState.STARTING);
        assertThat(model.stateProperty().get().busy()).isTrue();
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.canStopProperty().get()).isFalse();
        assertThat(model.canRestartProperty().get()).isFalse();

        control.runAll();

        assertThat(engine.starts).hasValue(1);
        assertThat(model.stateProperty().get()).isEqualTo(LabState.RUNNING);
        assertThat(model.parts()).extracting(PartStatus::state).containsOnly(PartState.HEALTHY);
        assertThat(model.backendUrlProperty().get()).isEqualTo(FakeLabEngine.URL.toString());
        assertThat(model.canStopProperty().get()).isTrue();
        assertThat(model.canRestartProperty().get()).isTrue();
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.canStartTrafficProperty().get()).isTrue();
        assertThat(model.trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }

    @Test
    void aSecondStartWhileStartingIsIgnored() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);

        model.start();
        model.start();
        control.runAll();

        assertThat(engine.starts).hasValue(1);
    }

    @Test
    void aFailedStartExplainsWhatHappenedAndWhatToDo() {
        engine.failNextStart(new LabStartException("Port 5000 on 127.0.0.1 is already in use, so lab-backend cannot listen there."
                + " Stop the program using it or choose another port with --backend-port.", List.of()));
        LabViewModel model = direct();

        model.start();

        assertThat(model.stateProperty().get()).isEqualTo(LabState.FAILED);
        LabProblem problem = model.problemProperty().get();
        assertThat(problem.message()).startsWith("Port 5000 on 127.0.0.1 is already in use");
        assertThat(problem.action()).contains("lab-console --backend-port 0");
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(model.backendUrlProperty().get()).isEmpty();
        assertThat(model.parts()).extracting(PartStatus::state).contains(PartState.FAILED);
    }

    @Test
    void anExitWhileStartingShowsTheBackendsLastLines() {
        engine.failNextStart(new LabStartException("lab-backend exited with code 3 while starting. Its last lines are below.",
                List.of("Exception in thread \"main\" java.sql.SQLException: unable to open database", "\tat org.sqlite...")));
        LabViewModel model = direct();

        model.start();

        LabProblem problem = model.problemProperty().get();
        assertThat(problem.details()).hasSize(2).first().asString().contains("unable to open database");
        assertThat(problem.action()).contains("last lines");
    }

    @Test
    void aStartAfterAFailureClearsTheProblem() {
        engine.failNextStart(new LabStartException("lab-backend is not built: /x/lab-backend.jar does not exist.", List.of()));
        LabViewModel model = direct();
        model.start();
        assertThat(model.problemProperty().get().action()).contains("./mvnw");

        model.start();

        assertThat(model.stateProperty().get()).isEqualTo(LabState.RUNNING);
        assertThat(model.problemProperty().get()).isNull();
    }

    @Test
    void aBackendThatDiesWhileRunningTurnsTheLabFailedAndStopsTheTraffic() {
        LabViewModel model = direct();
        model.start();
        model.startTraffic();

        engine.backendDies("exited unexpectedly with code 137. Press Start to launch it again.");

        assertThat(model.stateProperty().get()).isEqualTo(LabState.FAILED);
        assertThat(model.problemProperty().get().message()).contains("lab-backend failed", "code 137");
        assertThat(model.trafficRunningProperty().get()).isFalse();
        assertThat(model.backendUrlProperty().get()).isEmpty();
        assertThat(model.canRestartProperty().get()).isTrue();
        assertThat(model.canStopProperty().get()).isTrue();
        assertThat(model.canStartTrafficProperty().get()).isFalse();
    }

    @Test
    void stopGoesThroughStoppingToStopped() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);
        model.start();
        control.runAll();

        model.stop();

        assertThat(model.stateProperty().get()).isEqualTo(LabState.STOPPING);
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.canStopProperty().get()).isFalse();
        control.runAll();
        assertThat(engine.stops).hasValue(1);
        assertThat(model.stateProperty().get()).isEqualTo(LabState.STOPPED);
        assertThat(model.backendUrlProperty().get()).isEmpty();
        assertThat(model.parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);
        assertThat(model.canStartProperty().get()).isTrue();
    }

    @Test
    void restartStopsThenStarts() {
        LabViewModel model = direct();
        model.start();

        model.restart();

        assertThat(engine.stops).hasValue(1);
        assertThat(engine.starts).hasValue(2);
        assertThat(model.stateProperty().get()).isEqualTo(LabState.RUNNING);
    }

    @Test
    void trafficSharesAreValidated() {
        LabViewModel model = direct();
        model.start();

        model.slowPercentProperty().set(60);
        model.errorPercentProperty().set(50);

        assertThat(model.trafficProblemProperty().get()).contains("more than 100%");
        assertThat(model.canStartTrafficProperty().get()).isFalse();

        model.slowPercentProperty().set(10);
        model.requestsPerSecondProperty().set(0);
        assertThat(model.trafficProblemProperty().get()).contains("Requests per second");

        model.requestsPerSecondProperty().set(20);
        assertThat(model.trafficProblemProperty().get()).isEmpty();
        assertThat(model.profile().errorShare()).isEqualTo(0.5);
        assertThat(model.canStartTrafficProperty().get()).isTrue();
    }

    @Test
    void trafficStartsWithTheChosenProfileAndCountsAreRefreshed() {
        LabViewModel model = direct();
        model.start();
        model.requestsPerSecondProperty().set(50);
        model.errorPercentProperty().set(30);

        model.startTraffic();

        assertThat(model.trafficRunningProperty().get()).isTrue();
        assertThat(engine.currentTraffic().isRunning()).isTrue();
        assertThat(engine.currentTraffic().profile().errorShare()).isEqualTo(0.3);
        assertThat(model.trafficTextProperty().get()).isEqualTo("Traffic: 50 req/s, 5% slow, 30% failing");
        // the fake's generator sends to a closed port: every request fails to connect
        await().atMost(Duration.ofSeconds(20)).until(() -> model.countsProperty().get().failed() > 0);

        model.errorPercentProperty().set(10);
        assertThat(engine.currentTraffic().profile().errorShare()).isEqualTo(0.1);

        model.stopTraffic();
        assertThat(model.trafficRunningProperty().get()).isFalse();
        assertThat(engine.currentTraffic().isRunning()).isFalse();
        assertThat(model.trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }

    @Test
    void trafficDrivenByAnExercisesScenarioShowsAsSuchAndAsStoppedAfterIt() {
        LabViewModel model = direct();
        model.start();

        engine.currentTraffic().play(dev.otellab.lab.traffic.TrafficSchedule.steady(
                new dev.otellab.lab.traffic.TrafficProfile(1, 0, 0, Duration.ZERO), Duration.ofMinutes(5)));
        model.refreshCounts();
        assertThat(model.trafficRunningProperty().get()).isTrue();
        assertThat(model.trafficTextProperty().get()).isEqualTo("Traffic: an exercise's scenario");
        assertThat(model.canStopTrafficProperty().get()).isTrue();

        engine.currentTraffic().stop();
        model.refreshCounts();
        assertThat(model.trafficRunningProperty().get()).isFalse();
        assertThat(model.trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }

    @Test
    void outputIsBoundedAndAppliedInFewBatches() throws Exception {
        QueuedUi ui = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, new UiExecutors(Runnable::run, ui, timer, TestExecutors.CLOCK), Runnable::run);
        int lines = 5_000;

        Thread reader = new Thread(() -> {
            for (int i = 0; i < lines; i++) {
                engine.print("line " + i);
            }
        });
        reader.start();
        reader.join();

        assertThat(model.output()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runAll();
            return !model.output().isEmpty() && model.output().get(model.output().size() - 1).equals("line 4999");
        });
        assertThat(model.output()).hasSize(LabViewModel.OUTPUT_CAPACITY);
        assertThat(model.output().get(0)).isEqualTo("line " + (lines - LabViewModel.OUTPUT_CAPACITY));
        assertThat(ui.executed()).isLessThan(50);
    }

    @Test
    void drainingAppendsAndDropsTheOldestLines() {
        LabViewModel model = direct();
        for (int i = 0; i < LabViewModel.OUTPUT_CAPACITY - 1; i++) {
            engine.print("old " + i);
        }
        model.drainOutput();
        engine.print("new 1");
        engine.print("new 2");

        model.drainOutput();

        assertThat(model.output()).hasSize(LabViewModel.OUTPUT_CAPACITY);
        assertThat(model.output().get(0)).isEqualTo("old 1");
        assertThat(model.output()).endsWith("new 1", "new 2");
    }
}
