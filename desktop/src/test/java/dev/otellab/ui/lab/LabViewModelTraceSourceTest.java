package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.lab.FakeLabEngine.FakeStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker mode's trace source setting (Tempo, Jaeger, Zipkin) in the Lab view, without a screen. */
class LabViewModelTraceSourceTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
    private final FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
    private final FakeStack stack = docker.withStack();
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
        return new SwitchableLab(LabMode.EMBEDDED, factories);
    }

    private LabViewModel model() {
        return new LabViewModel(lab, TestExecutors.direct(timer), Runnable::run);
    }

    @Test
    void tempoIsTheDefaultAndAChoiceGoesToTheDockerStack() {
        LabViewModel model = model();
        model.selectMode(LabMode.DOCKER);
        assertThat(model.traceSourceProperty().get()).isEqualTo(TraceSourceChoice.TEMPO);

        model.selectTraceSource(TraceSourceChoice.JAEGER);

        assertThat(model.traceSourceProperty().get()).isEqualTo(TraceSourceChoice.JAEGER);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.JAEGER);
        assertThat(LabViewModel.traceSourceDescription(TraceSourceChoice.JAEGER)).contains("jaeger-zipkin", "Loki");
        assertThat(docker.starts()).as("choosing starts nothing").isZero();
    }

    @Test
    void aChoiceMadeInAnotherModeReachesTheStackWhenDockerIsChosenAndAgainAtStart() {
        LabViewModel model = model();
        model.selectTraceSource(TraceSourceChoice.ZIPKIN);
        assertThat(stack.traceChoices).isEmpty();

        model.selectMode(LabMode.DOCKER);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.ZIPKIN);

        model.start();
        assertThat(docker.starts()).isEqualTo(1);
        assertThat(stack.traceChoices).last().isEqualTo(TraceSourceChoice.ZIPKIN);
    }

    @Test
    void theTraceSourceChangesOnlyWhileTheLabIsStopped() {
        LabViewModel model = model();
        model.selectMode(LabMode.DOCKER);
        model.start();
        assertThat(model.canChangeTraceSourceProperty().get()).isFalse();

        model.selectTraceSource(TraceSourceChoice.JAEGER);
        assertThat(model.traceSourceProperty().get()).isEqualTo(TraceSourceChoice.TEMPO);
        assertThat(stack.traceSource()).isEqualTo(TraceSourceChoice.TEMPO);

        model.stop();
        model.selectTraceSource(TraceSourceChoice.JAEGER);
        assertThat(model.traceSourceProperty().get()).isEqualTo(TraceSourceChoice.JAEGER);
    }
}
