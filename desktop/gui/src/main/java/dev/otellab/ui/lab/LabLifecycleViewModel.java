package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Lab view's start, stop and restart: the lab's state, each part's state, and the lab's
 * address while it runs. Every call into the engine runs on the {@code control} executor (one
 * thread, so a stop waits for a start to finish), never on the UI thread; the results come back
 * on the UI executor, and so does the engine's status. A started lab's traffic generator goes to
 * the traffic controls. Call the public methods on the UI thread.
 */
public final class LabLifecycleViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LabLifecycleViewModel.class);

    private final LabEngine engine;
    private final LabSession session;
    private final UiExecutors executors;
    private final Executor control;
    private final LabTrafficViewModel traffic;
    private final ObservableList<PartStatus> parts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper backendUrl = new ReadOnlyStringWrapper(this, "backendUrl", "");
    private final ReadOnlyStringWrapper openTarget = new ReadOnlyStringWrapper(this, "openTarget", "");
    private final BooleanBinding canStart;
    private final BooleanBinding canStop;
    private final StringBinding stateText;

    public LabLifecycleViewModel(LabEngine engine, LabSession session, UiExecutors executors, Executor control,
            LabTrafficViewModel traffic) {
        this.engine = engine;
        this.session = session;
        this.executors = executors;
        this.control = control;
        this.traffic = traffic;
        canStart = session.when(() -> !session.switchingModeProperty().get() && session.isDown(),
                session.switchingModeProperty());
        canStop = session.when(() -> session.isRunning() || session.stateProperty().get() == LabState.FAILED);
        stateText = Bindings.createStringBinding(() -> switch (session.stateProperty().get()) {
            case STOPPED -> "The lab is stopped";
            case STARTING -> "Starting the lab…";
            case RUNNING -> "The lab is running";
            case STOPPING -> "Stopping the lab (lab-backend flushes its telemetry)…";
            case FAILED -> "The lab has a problem";
        }, session.stateProperty());
        parts.setAll(engine.status().parts());
        engine.addStatusListener(status -> executors.ui().execute(() -> applyStatus(status)));
    }

    /** Starts the lab in the background; the buttons wait until it is up or failed. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        session.setState(LabState.STARTING);
        session.clearProblem();
        TraceSourceChoice traces = session.traceSourceProperty().get();
        control.execute(() -> {
            engine.stackControl().ifPresent(stack -> stack.useTraceSource(traces));
            startOnControlThread();
        });
    }

    /** Stops the traffic and the lab; lab-backend flushes its telemetry before it ends. */
    public void stop() {
        if (!canStop.get()) {
            return;
        }
        beginStopping();
        control.execute(() -> {
            stopEngine();
            executors.ui().execute(this::stopped);
        });
    }

    /** Stop, then start: a new lab-backend process on the same store. */
    public void restart() {
        if (!canRestartProperty().get()) {
            return;
        }
        beginStopping();
        control.execute(() -> {
            stopEngine();
            executors.ui().execute(() -> {
                stopped();
                session.setState(LabState.STARTING);
            });
            startOnControlThread();
        });
    }

    /** Another mode's engine is current: show its parts. */
    void showParts(LabStatus status) {
        parts.setAll(status.parts());
    }

    private void startOnControlThread() {
        try {
            engine.start();
            // the lab's address: lab-web's tasks page where it runs, else lab-backend
            Optional<URI> url = engine.webUrl().or(engine::backendUrl);
            boolean hasWeb = engine.webUrl().isPresent();
            Optional<Traffic> generator = engine.traffic();
            LabStatus status = engine.status();
            LabMode mode = engine.mode();
            executors.ui().execute(() -> started(url, hasWeb, generator, status, mode));
        } catch (LabStartException e) {
            LabStatus status = engine.status();
            executors.ui().execute(() -> failed(LabProblem.from(e), status));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executors.ui().execute(() -> failed(new LabProblem("Starting the lab was interrupted", List.of(),
                    "Press Start again."), engine.status()));
        } catch (RuntimeException e) {
            LOG.warn("The lab failed to start unexpectedly", e);
            executors.ui().execute(() -> failed(LabProblem.unexpected(e), engine.status()));
        }
    }

    private void stopEngine() {
        try {
            engine.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the lab failed", e);
        }
    }

    private void started(Optional<URI> url, boolean hasWeb, Optional<Traffic> generator, LabStatus status, LabMode mode) {
        parts.setAll(status.parts());
        if (status.anyFailed()) {
            // lab-backend ended between the start and this moment
            failedPart(status);
            return;
        }
        session.setState(LabState.RUNNING);
        session.workFinished("The " + LabModeViewModel.modeName(mode) + " lab is running");
        backendUrl.set(url.map(URI::toString).orElse(""));
        openTarget.set(url.map(address -> address.resolve(hasWeb ? "/" : "/health").toString()).orElse(""));
        traffic.attach(generator.orElse(null));
    }

    private void failed(LabProblem why, LabStatus status) {
        parts.setAll(status.parts());
        session.showProblem(why);
        session.setState(LabState.FAILED);
        session.workFinished("The lab could not start: " + why.message());
        forgetBackend();
    }

    private void beginStopping() {
        session.setState(LabState.STOPPING);
        traffic.detach();
    }

    private void stopped() {
        session.setState(LabState.STOPPED);
        session.clearProblem();
        backendUrl.set("");
        openTarget.set("");
        parts.setAll(engine.status().parts());
    }

    private void applyStatus(LabStatus status) {
        parts.setAll(status.parts());
        if (session.isRunning() && status.anyFailed()) {
            failedPart(status);
        }
    }

    private void failedPart(LabStatus status) {
        PartStatus broken = status.parts().stream().filter(part -> part.state() == PartState.FAILED)
                .findFirst().orElseThrow();
        session.showProblem(LabProblem.partFailed(broken.part(), broken.detail()));
        session.setState(LabState.FAILED);
        forgetBackend();
    }

    private void forgetBackend() {
        traffic.detach();
        backendUrl.set("");
        openTarget.set("");
    }

    public ReadOnlyObjectProperty<LabState> stateProperty() {
        return session.stateProperty();
    }

    public StringBinding stateTextProperty() {
        return stateText;
    }

    public ObservableList<PartStatus> parts() {
        return parts;
    }

    /** What Open shows in the browser: lab-web's tasks page, or lab-backend's /health without lab-web. */
    public ReadOnlyStringProperty openTargetProperty() {
        return openTarget.getReadOnlyProperty();
    }

    /** The lab's address: lab-web's while it runs, else lab-backend's. */
    public ReadOnlyStringProperty backendUrlProperty() {
        return backendUrl.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    /** Restart is possible whenever Stop is: the lab runs or failed. */
    public BooleanBinding canRestartProperty() {
        return canStop;
    }
}
