package dev.otellab.ui.lab;

import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TestExecutors.QueuedUi;
import dev.otellab.ui.common.UiExecutors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lab view's output list: bounded, coalesced, and a stack service's log on demand; without a screen. */
class LabOutputViewModelTest {
    @RegisterExtension
    final LabFixture lab = new LabFixture(new FakeLabEngine());
    private final FakeLabEngine engine = lab.engine;
    private final ScheduledExecutorService timer = lab.timer;

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

        assertThat(model.output().lines()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ui.runAll();
            return !model.output().lines().isEmpty() && model.output().lines().get(model.output().lines().size() - 1).equals("line 4999");
        });
        assertThat(model.output().lines()).hasSize(LabOutputViewModel.OUTPUT_CAPACITY);
        assertThat(model.output().lines().get(0)).isEqualTo("line " + (lines - LabOutputViewModel.OUTPUT_CAPACITY));
        assertThat(ui.executed()).isLessThan(50);
    }

    @Test
    void drainingAppendsAndDropsTheOldestLines() {
        LabViewModel model = lab.direct();
        for (int i = 0; i < LabOutputViewModel.OUTPUT_CAPACITY - 1; i++) {
            engine.print("old " + i);
        }
        model.output().drainOutput();
        engine.print("new 1");
        engine.print("new 2");

        model.output().drainOutput();

        assertThat(model.output().lines()).hasSize(LabOutputViewModel.OUTPUT_CAPACITY);
        assertThat(model.output().lines().get(0)).isEqualTo("old 1");
        assertThat(model.output().lines()).endsWith("new 1", "new 2");
    }

    @Test
    void theOutputListShowsTheChosenServicesLogThenLabBackendsAgain() {
        FakeLabEngine engine = new FakeLabEngine(dev.otellab.lab.LabMode.DOCKER);
        FakeLabEngine.FakeStack stack = engine.withStack();
        LabViewModel model = new LabViewModel(engine, TestExecutors.direct(timer), Runnable::run);
        engine.print("lab-backend line");
        model.output().drainOutput();
        assertThat(model.output().lines()).containsExactly("lab-backend line");

        model.output().showLogOf("tempo");
        model.output().drainOutput();
        engine.print("lab-backend while tempo is shown");
        stack.logFollowers.get(0).accept("tempo line");
        model.output().drainOutput();

        assertThat(model.output().shownLogProperty().get()).isEqualTo("tempo");
        assertThat(model.output().lines()).containsExactly("tempo says hello", "tempo line");

        model.output().showLogOf(LabOutputViewModel.BACKEND_OUTPUT);
        assertThat(stack.closedLogs).hasValue(1);
        assertThat(model.output().lines()).isEmpty();
        engine.close();
    }
}
