package dev.otellab.ui.lab;

import dev.otellab.lab.LabMode;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.lab.FakeLabEngine.FakeStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lab view's Docker stack controls, without a screen. */
class DockerStackViewModelTest {
    @RegisterExtension
    final LabFixture lab = new LabFixture(new FakeLabEngine(LabMode.DOCKER));
    private final FakeLabEngine engine = lab.engine;
    private final ScheduledExecutorService timer = lab.timer;
    private final FakeStack stack = engine.withStack();

    @Test
    void aStackShowsItsServicesAndGrafanasSignIn() {
        LabViewModel model = lab.direct();

        assertThat(model.stack().hasStackProperty().get()).isTrue();
        assertThat(model.stack().stackServices()).containsExactly("otel-collector", "tempo", "lab-backend");
        assertThat(model.stack().grafanaPasswordProperty().get()).isEqualTo("generated-secret");
        assertThat(model.stack().grafanaUrlProperty().get()).isEmpty();

        engine.setGrafana(URI.create("http://127.0.0.1:3000"));
        assertThat(model.stack().grafanaUrlProperty().get()).isEqualTo("http://127.0.0.1:3000");
    }

    @Test
    void resetOnlyWhileStoppedAndRestartOnlyWhileRunning() {
        LabViewModel model = lab.direct();
        assertThat(model.stack().canResetProperty().get()).isTrue();
        assertThat(model.stack().canRestartServiceProperty().get()).isFalse();

        model.lifecycle().start();
        assertThat(model.stack().canResetProperty().get()).isFalse();
        model.stack().resetStack();
        model.stack().restartService("tempo");

        model.lifecycle().stop();
        model.stack().resetStack();

        assertThat(stack.restarted).containsExactly("tempo");
        assertThat(stack.resets).hasValue(1);
        assertThat(model.stack().stackBusyProperty().get()).isFalse();
    }

    @Test
    void withoutAStackThereIsNothingToReset() {
        LabViewModel model = new LabViewModel(new FakeLabEngine(), TestExecutors.direct(timer), Runnable::run);

        assertThat(model.stack().hasStackProperty().get()).isFalse();
        assertThat(model.stack().canResetProperty().get()).isFalse();
        assertThat(model.stack().grafanaPasswordProperty().get()).isEmpty();
    }
}
