package dev.otellab.ui.lab;

import dev.otellab.ui.common.TestExecutors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.ScheduledExecutorService;

/** A Lab view model test's fake engine and timer, both closed after each test (register with {@code @RegisterExtension}). */
final class LabFixture implements AfterEachCallback {
    final ScheduledExecutorService timer = TestExecutors.timer();
    final FakeLabEngine engine;

    LabFixture(FakeLabEngine engine) {
        this.engine = engine;
    }

    /** The Lab view models over the engine, everything on the calling thread: each call finishes what it starts. */
    LabViewModel direct() {
        return new LabViewModel(engine, TestExecutors.direct(timer), Runnable::run);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        timer.shutdownNow();
        engine.close();
    }
}
