package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.TestExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Choosing the lab's mode (Embedded, Docker, Remote) and Docker's trace source in the Lab view, without a screen. */
class LabModeViewModelTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
    private final FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
    private final FakeLabEngine.FakeStack stack = docker.withStack();
    private final SwitchableLab lab = lab();

    @AfterEach
    void close() {
        timer.shutdownNow();
        lab.close();
    }

    private SwitchableLab lab() {
        Map<LabMode, Supplier<? extends LabEngine>> factories = new LinkedHashMap<>();
        factories.put(LabMode.EMBEDDED, () -> embedded);
        factories.put(LabMode.DOCKER, () -> docker);
        factories.put(LabMode.REMOTE, () -> {
            throw new IllegalStateException("No remote stack is configured");
        });
        return new SwitchableLab(LabMode.EMBEDDED, factories);
    }

    private LabViewModel model() {
        return new LabViewModel(lab, TestExecutors.direct(timer), Runnable::run);
    }

    @Test
    void offersEveryModeOfTheLabAndStartsInItsCurrentMode() {
        LabViewModel model = model();

        assertThat(model.mode().modes()).containsExactly(LabMode.EMBEDDED, LabMode.DOCKER, LabMode.REMOTE);
        assertThat(model.mode().modeProperty().get()).isEqualTo(LabMode.EMBEDDED);
        assertThat(model.mode().canChangeModeProperty().get()).isTrue();
    }

    @Test
    void aSingleEngineOffersNoChoice() {
        LabViewModel model = new LabViewModel(new FakeLabEngine(LabMode.DOCKER), TestExecutors.direct(timer), Runnable::run);

        assertThat(model.mode().modes()).containsExactly(LabMode.DOCKER);
        assertThat(model.mode().canChangeModeProperty().get()).isFalse();
    }

    @Test
    void theModeChangesOnlyWhileTheLabIsStopped() {
        LabViewModel model = model();
        model.lifecycle().start();

        assertThat(model.mode().canChangeModeProperty().get()).isFalse();
        model.mode().selectMode(LabMode.DOCKER);
        assertThat(model.mode().modeProperty().get()).isEqualTo(LabMode.EMBEDDED);

        model.lifecycle().stop();
        model.mode().selectMode(LabMode.DOCKER);
        assertThat(model.mode().modeProperty().get()).isEqualTo(LabMode.DOCKER);
        assertThat(lab.mode()).isEqualTo(LabMode.DOCKER);
    }

    @Test
    void startAfterASwitchStartsTheNewModesEngine() {
        LabViewModel model = model();
        model.mode().selectMode(LabMode.DOCKER);

        model.lifecycle().start();

        assertThat(docker.starts()).isEqualTo(1);
        assertThat(embedded.starts()).isZero();
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.RUNNING);
    }

    @Test
    void aModeThatCannotBeMadeShowsWhyAndKeepsThePreviousMode() {
        LabViewModel model = model();

        model.mode().selectMode(LabMode.REMOTE);

        assertThat(model.mode().modeProperty().get()).isEqualTo(LabMode.EMBEDDED);
        assertThat(model.problemProperty().get().message()).contains("Remote mode is not available");
        assertThat(model.problemProperty().get().details()).containsExactly("No remote stack is configured");
        assertThat(model.lifecycle().canStartProperty().get()).isTrue();
    }

    @Test
    void aSwitchShowsTheNewModesStackAndStartsTheOutputOver() {
        LabViewModel model = model();
        embedded.print("embedded line");
        model.output().drainOutput();
        assertThat(model.output().lines()).containsExactly("embedded line");
        assertThat(model.stack().hasStackProperty().get()).isFalse();
        assertThat(model.bundles().hasBundlesProperty().get()).isFalse();

        model.mode().selectMode(LabMode.DOCKER);

        assertThat(model.mode().switchingModeProperty().get()).isFalse();
        assertThat(model.stack().hasStackProperty().get()).isTrue();
        assertThat(model.stack().stackServices()).contains("tempo");
        assertThat(model.bundles().hasBundlesProperty().get()).isTrue();
        assertThat(model.output().lines()).isEmpty();
        assertThat(model.lifecycle().stateProperty().get()).isEqualTo(LabState.STOPPED);
    }

    @Test
    void everyModeHasANameAndADescription() {
        for (LabMode mode : LabMode.values()) {
            assertThat(LabModeViewModel.modeName(mode)).isNotBlank();
            assertThat(LabModeViewModel.modeDescription(mode)).isNotBlank();
        }
    }

    @Test
    void tempoIsTheDefaultAndAChoiceGoesToTheDockerStack() {
        LabViewModel model = model();
        model.mode().selectMode(LabMode.DOCKER);
        assertThat(model.stack().traceSourceProperty().get()).isEqualTo(TraceSourceChoice.TEMPO);

        model.stack().selectTraceSource(TraceSourceChoice.JAEGER);

        assertThat(model.stack().traceSourceProperty().get()).isEqualTo(TraceSourceChoice.JAEGER);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.JAEGER);
        assertThat(DockerStackViewModel.traceSourceDescription(TraceSourceChoice.JAEGER)).contains("jaeger-zipkin", "Loki");
        assertThat(docker.starts()).as("choosing starts nothing").isZero();
    }

    @Test
    void aChoiceMadeInAnotherModeReachesTheStackWhenDockerIsChosenAndAgainAtStart() {
        LabViewModel model = model();
        model.stack().selectTraceSource(TraceSourceChoice.ZIPKIN);
        assertThat(stack.traceChoices).isEmpty();

        model.mode().selectMode(LabMode.DOCKER);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.ZIPKIN);

        model.lifecycle().start();
        assertThat(docker.starts()).isEqualTo(1);
        assertThat(stack.traceChoices).last().isEqualTo(TraceSourceChoice.ZIPKIN);
    }

    @Test
    void theTraceSourceChangesOnlyWhileTheLabIsStopped() {
        LabViewModel model = model();
        model.mode().selectMode(LabMode.DOCKER);
        model.lifecycle().start();
        assertThat(model.stack().canChangeTraceSourceProperty().get()).isFalse();

        model.stack().selectTraceSource(TraceSourceChoice.JAEGER);
        assertThat(model.stack().traceSourceProperty().get()).isEqualTo(TraceSourceChoice.TEMPO);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.TEMPO);

        model.lifecycle().stop();
        model.stack().selectTraceSource(TraceSourceChoice.JAEGER);
        assertThat(model.stack().traceSourceProperty().get()).isEqualTo(TraceSourceChoice.JAEGER);
    }
}
