package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.property.ReadOnlyObjectProperty;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Lab view's view models, one per job, wired over one engine and one {@link LabSession}:
 * start/stop ({@link LabLifecycleViewModel}), traffic ({@link LabTrafficViewModel}), the mode
 * ({@link LabModeViewModel}), the output list ({@link LabOutputViewModel}), the Docker stack
 * ({@link DockerStackViewModel}) and the image bundles ({@link ImageBundlesViewModel}). Engine
 * calls run on the {@code control} executor (one thread, so a stop waits for a start); results
 * come back on the UI executor. Call the public methods on the UI thread.
 */
public final class LabViewModel {
    private final LabSession session = new LabSession();
    private final LabTrafficViewModel traffic;
    private final LabLifecycleViewModel lifecycle;
    private final LabOutputViewModel output;
    private final DockerStackViewModel stack;
    private final ImageBundlesViewModel bundles;
    private final LabModeViewModel mode;

    public LabViewModel(LabEngine engine, UiExecutors executors, Executor control) {
        traffic = new LabTrafficViewModel(session, executors, control);
        lifecycle = new LabLifecycleViewModel(engine, session, executors, control, traffic);
        output = new LabOutputViewModel(engine, session, executors, control);
        stack = new DockerStackViewModel(engine, session, executors, control);
        bundles = new ImageBundlesViewModel(engine, session, executors);
        mode = new LabModeViewModel(engine, session, executors, control, status -> {
            lifecycle.showParts(status);
            output.startOver();
            stack.refresh();
            bundles.refresh();
        });
    }

    public LabLifecycleViewModel lifecycle() {
        return lifecycle;
    }

    public LabTrafficViewModel traffic() {
        return traffic;
    }

    public LabModeViewModel mode() {
        return mode;
    }

    public LabOutputViewModel output() {
        return output;
    }

    public DockerStackViewModel stack() {
        return stack;
    }

    public ImageBundlesViewModel bundles() {
        return bundles;
    }

    /** The problem the Lab view shows, whichever part ran into it; null when there is none. */
    public ReadOnlyObjectProperty<LabProblem> problemProperty() {
        return session.problemProperty();
    }

    /**
     * Hears when long work ends (a lab start with its image pulls, an image export or import), to
     * tell a user who went to another view meanwhile. Called on the FX thread.
     */
    public void addWorkFinishedListener(Consumer<String> listener) {
        session.addWorkFinishedListener(listener);
    }

    /** The window closes: stop polling and following logs. The engine itself is closed by whoever made it. */
    public void close() {
        traffic.close();
        output.close();
    }
}
