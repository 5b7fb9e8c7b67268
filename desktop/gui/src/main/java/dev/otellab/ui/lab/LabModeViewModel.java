package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.ModeSwitch;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Lab view's mode choice (Embedded, Docker, Remote): the modes the engine offers and the
 * switch, only while the lab is stopped. The switch runs on the {@code control} executor; after
 * it, {@code switched} gets the new mode's status so the other Lab view models start over.
 * Call the public methods on the UI thread.
 */
public final class LabModeViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LabModeViewModel.class);

    private final LabEngine engine;
    private final LabSession session;
    private final UiExecutors executors;
    private final Executor control;
    private final Consumer<LabStatus> switched;
    private final ObservableList<LabMode> modes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LabMode> mode = new ReadOnlyObjectWrapper<>(this, "mode");
    private final BooleanBinding canChangeMode;

    public LabModeViewModel(LabEngine engine, LabSession session, UiExecutors executors, Executor control,
            Consumer<LabStatus> switched) {
        this.engine = engine;
        this.session = session;
        this.executors = executors;
        this.control = control;
        this.switched = switched;
        modes.setAll(engine.modeSwitch().map(ModeSwitch::modes).orElse(List.of(engine.mode())));
        mode.set(engine.mode());
        canChangeMode = session.when(() -> modes.size() > 1 && !session.switchingModeProperty().get() && session.isDown(),
                modes, session.switchingModeProperty());
    }

    /**
     * Switches the lab to another mode (Embedded, Docker, Remote) while it is stopped; the views
     * then read that mode's telemetry. A mode whose engine cannot be made shows the reason and
     * the previous mode stays.
     */
    public void selectMode(LabMode wanted) {
        ModeSwitch modeSwitch = engine.modeSwitch().orElse(null);
        if (wanted == null || wanted == mode.get() || !canChangeMode.get() || modeSwitch == null) {
            return;
        }
        LabMode previous = mode.get();
        TraceSourceChoice traces = session.traceSourceProperty().get();
        mode.set(wanted);
        session.setSwitchingMode(true);
        session.clearProblem();
        control.execute(() -> {
            try {
                modeSwitch.select(wanted);
                engine.stackControl().ifPresent(stack -> stack.useTraceSource(traces));
                LabStatus status = engine.status();
                executors.ui().execute(() -> {
                    session.setSwitchingMode(false);
                    session.setState(LabState.STOPPED);
                    switched.accept(status);
                });
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.info("Switching the lab to {} failed: {}", wanted, reason);
                executors.ui().execute(() -> {
                    session.setSwitchingMode(false);
                    mode.set(previous);
                    session.showProblem(new LabProblem("The " + modeName(wanted) + " mode is not available",
                            List.of(reason), "Stay in " + modeName(previous) + " mode, or fix the cause and choose it again."));
                });
            }
        });
    }

    /** "Embedded", "Docker" or "Remote": how the Lab view names a mode. */
    public static String modeName(LabMode mode) {
        return switch (mode) {
            case EMBEDDED -> "Embedded";
            case DOCKER -> "Docker";
            case REMOTE -> "Remote";
        };
    }

    /** One sentence on what a mode runs and where the views read from. */
    public static String modeDescription(LabMode mode) {
        return switch (mode) {
            case EMBEDDED -> "The console's own OTLP receiver and store; lab-backend runs as a local process. No Docker needed.";
            case DOCKER -> "The Grafana LGTM stack in Docker (Collector, Tempo, Loki, Prometheus, Grafana) with lab-backend as a container.";
            case REMOTE -> "Your team's Tempo (or Zipkin or Jaeger), Loki and Prometheus, reached by URL; the console starts nothing.";
        };
    }

    public ObservableList<LabMode> modes() {
        return modes;
    }

    public ReadOnlyObjectProperty<LabMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Whether the mode can change now: more than one mode, the lab stopped, no switch in progress. */
    public BooleanBinding canChangeModeProperty() {
        return canChangeMode;
    }

    public ReadOnlyBooleanProperty switchingModeProperty() {
        return session.switchingModeProperty();
    }
}
