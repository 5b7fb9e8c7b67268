package dev.otellab.ui.lab;

import dev.otellab.lab.LabMode;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.lab.FakeLabEngine.FakeStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lab view's Docker stack controls, without a screen. */
class LabViewModelStackTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final FakeLabEngine engine = new FakeLabEngine(LabMode.DOCKER);
    private final FakeStack stack = engine.withStack();

    @AfterEach
    void close() {
        timer.shutdownNow();
        engine.close();
    }

    private LabViewModel model() {
        return new LabViewModel(engine, TestExecutors.direct(timer), Runnable::run);
    }

    @Test
    void aStackShowsItsServicesAndGrafanasSignIn() {
        LabViewModel model = model();

        assertThat(model.hasStackProperty().get()).isTrue();
        assertThat(model.stackServices()).containsExactly("otel-collector", "tempo", "lab-backend");
        assertThat(model.grafanaPasswordProperty().get()).isEqualTo("generated-secret");
        assertThat(model.grafanaUrlProperty().get()).isEmpty();

        engine.setGrafana(URI.create("http://127.0.0.1:3000"));
        assertThat(model.grafanaUrlProperty().get()).isEqualTo("http://127.0.0.1:3000");
    }

    @Test
    void resetOnlyWhileStoppedAndRestartOnlyWhileRunning() {
        LabViewModel model = model();
        assertThat(model.canResetProperty().get()).isTrue();
        assertThat(model.canRestartServiceProperty().get()).isFalse();

        model.start();
        assertThat(model.canResetProperty().get()).isFalse();
        model.resetStack();
        model.restartService("tempo");

        model.stop();
        model.resetStack();

        assertThat(stack.restarted).containsExactly("tempo");
        assertThat(stack.resets).hasValue(1);
        assertThat(model.stackBusyProperty().get()).isFalse();
    }

    @Test
    void theOutputListShowsTheChosenServicesLogThenLabBackendsAgain() {
        LabViewModel model = model();
        engine.print("lab-backend line");
        model.drainOutput();
        assertThat(model.output()).containsExactly("lab-backend line");

        model.showLogOf("tempo");
        model.drainOutput();
        engine.print("lab-backend while tempo is shown");
        stack.logFollowers.get(0).accept("tempo line");
        model.drainOutput();

        assertThat(model.shownLogProperty().get()).isEqualTo("tempo");
        assertThat(model.output()).containsExactly("tempo says hello", "tempo line");

        model.showLogOf(LabViewModel.BACKEND_OUTPUT);
        assertThat(stack.closedLogs).hasValue(1);
        assertThat(model.output()).isEmpty();
    }

    @Test
    void exportAndImportReportTheirOutcomeAndFreeTheButtonsAfterwards(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LabViewModel model = model();
        assertThat(model.hasBundlesProperty().get()).isTrue();

        model.exportBundle(dir.resolve("images.tar"));
        assertThat(dir.resolve("images.tar")).exists();
        assertThat(model.bundleMessageProperty().get()).startsWith("Saved 6 images to ");
        assertThat(model.bundleProgressProperty().get()).isEqualTo(-1);
        assertThat(model.stackBusyProperty().get()).isFalse();

        model.importBundle(dir.resolve("missing.tar"));
        assertThat(model.bundleMessageProperty().get()).isEqualTo("Failed: " + dir.resolve("missing.tar") + " does not exist");
    }

    @Test
    void withoutAStackThereIsNothingToReset() {
        LabViewModel model = new LabViewModel(new FakeLabEngine(), TestExecutors.direct(timer), Runnable::run);

        assertThat(model.hasStackProperty().get()).isFalse();
        assertThat(model.canResetProperty().get()).isFalse();
        assertThat(model.grafanaPasswordProperty().get()).isEmpty();
    }
}
