package dev.otellab.ui.lab;

import dev.otellab.lab.LabStartException;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TestExecutors.QueuedUi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting, stopping and restarting the lab from the Lab view, without a screen. */
class LabLifecycleViewModelTest {
    @RegisterExtension
    final LabFixture lab = new LabFixture(new FakeLabEngine());
    private final FakeLabEngine engine = lab.engine;
    private final ScheduledExecutorService timer = lab.timer;

    @Test
    void aStoppedLabCanOnlyStart() {
        LabViewModel model = lab.direct();

        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.STOPPED);
        assertThat(model.lifecycle().canStartProperty().get()).isTrue();
        assertThat(model.lifecycle().canStopProperty().get()).isFalse();
        assertThat(model.lifecycle().canRestartProperty().get()).isFalse();
        assertThat(model.traffic().canStartTrafficProperty().get()).isFalse();
        assertThat(model.lifecycle().parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);
        assertThat(model.traffic().trafficTextProperty().get()).isEmpty();
    }

    @Test
    void startRunsOnTheControlExecutorAndDisablesTheButtonsUntilItIsDone() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);

        model.lifecycle().start();

        assertThat(engine.starts).hasValue(0);
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.STARTING);
        assertThat(model.lifecycle().stateProperty().get().busy()).isTrue();
        assertThat(model.lifecycle().canStartProperty().get()).isFalse();
        assertThat(model.lifecycle().canStopProperty().get()).isFalse();
        assertThat(model.lifecycle().canRestartProperty().get()).isFalse();

        control.runAll();

        assertThat(engine.starts).hasValue(1);
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.RUNNING);
        assertThat(model.lifecycle().parts()).extracting(PartStatus::state).containsOnly(PartState.HEALTHY);
        assertThat(model.lifecycle().backendUrlProperty().get()).isEqualTo(FakeLabEngine.URL.toString());
        assertThat(model.lifecycle().canStopProperty().get()).isTrue();
        assertThat(model.lifecycle().canRestartProperty().get()).isTrue();
        assertThat(model.lifecycle().canStartProperty().get()).isFalse();
        assertThat(model.traffic().canStartTrafficProperty().get()).isTrue();
        assertThat(model.traffic().trafficTextProperty().get()).isEqualTo("Traffic: stopped");
    }

    @Test
    void aSecondStartWhileStartingIsIgnored() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);

        model.lifecycle().start();
        model.lifecycle().start();
        control.runAll();

        assertThat(engine.starts).hasValue(1);
    }

    @Test
    void aFailedStartExplainsWhatHappenedAndWhatToDo() {
        engine.failNextStart(new LabStartException("Port 5000 on 127.0.0.1 is already in use, so lab-backend cannot listen there."
                + " Stop the program using it or choose another port with --backend-port.", List.of()));
        LabViewModel model = lab.direct();

        model.lifecycle().start();

        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.FAILED);
        LabProblem problem = model.problemProperty().get();
        assertThat(problem.message()).startsWith("Port 5000 on 127.0.0.1 is already in use");
        assertThat(problem.action()).contains("lab-console --backend-port 0");
        assertThat(model.lifecycle().canStartProperty().get()).isTrue();
        assertThat(model.lifecycle().backendUrlProperty().get()).isEmpty();
        assertThat(model.lifecycle().parts()).extracting(PartStatus::state).contains(PartState.FAILED);
    }

    @Test
    void anExitWhileStartingShowsTheBackendsLastLines() {
        engine.failNextStart(new LabStartException("lab-backend exited with code 3 while starting. Its last lines are below.",
                List.of("Exception in thread \"main\" java.sql.SQLException: unable to open database", "\tat org.sqlite...")));
        LabViewModel model = lab.direct();

        model.lifecycle().start();

        LabProblem problem = model.problemProperty().get();
        assertThat(problem.details()).hasSize(2).first().asString().contains("unable to open database");
        assertThat(problem.action()).contains("last lines");
    }

    @Test
    void aStartAfterAFailureClearsTheProblem() {
        engine.failNextStart(new LabStartException("lab-backend is not built: /x/lab-backend.jar does not exist.", List.of()));
        LabViewModel model = lab.direct();
        model.lifecycle().start();
        assertThat(model.problemProperty().get().action()).contains("./mvnw");

        model.lifecycle().start();

        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.RUNNING);
        assertThat(model.problemProperty().get()).isNull();
    }

    @Test
    void aBackendThatDiesWhileRunningTurnsTheLabFailedAndStopsTheTraffic() {
        LabViewModel model = lab.direct();
        model.lifecycle().start();
        model.traffic().startTraffic();

        engine.backendDies("exited unexpectedly with code 137. Press Start to launch it again.");

        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.FAILED);
        assertThat(model.problemProperty().get().message()).contains("lab-backend failed", "code 137");
        assertThat(model.traffic().trafficRunningProperty().get()).isFalse();
        assertThat(model.lifecycle().backendUrlProperty().get()).isEmpty();
        assertThat(model.lifecycle().canRestartProperty().get()).isTrue();
        assertThat(model.lifecycle().canStopProperty().get()).isTrue();
        assertThat(model.traffic().canStartTrafficProperty().get()).isFalse();
    }

    @Test
    void stopGoesThroughStoppingToStopped() {
        QueuedUi control = new QueuedUi();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), control);
        model.lifecycle().start();
        control.runAll();

        model.lifecycle().stop();

        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.STOPPING);
        assertThat(model.lifecycle().canStartProperty().get()).isFalse();
        assertThat(model.lifecycle().canStopProperty().get()).isFalse();
        control.runAll();
        assertThat(engine.stops).hasValue(1);
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.STOPPED);
        assertThat(model.lifecycle().backendUrlProperty().get()).isEmpty();
        assertThat(model.lifecycle().parts()).extracting(PartStatus::state).containsOnly(PartState.STOPPED);
        assertThat(model.lifecycle().canStartProperty().get()).isTrue();
    }

    @Test
    void restartStopsThenStarts() {
        LabViewModel model = lab.direct();
        model.lifecycle().start();

        model.lifecycle().restart();

        assertThat(engine.stops).hasValue(1);
        assertThat(engine.starts).hasValue(2);
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.RUNNING);
    }
}
