package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.StackControl;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Lab view's Docker stack card: whether the mode runs a stack, its services, Grafana's
 * address and sign-in, Docker mode's trace source, and resetting the stack or restarting one
 * service. Stack calls run on the {@code control} executor. Call the public methods on the UI thread.
 */
public final class DockerStackViewModel {
    private final LabEngine engine;
    private final LabSession session;
    private final UiExecutors executors;
    private final Executor control;

    private final ReadOnlyBooleanWrapper hasStack = new ReadOnlyBooleanWrapper(this, "hasStack");
    private final ObservableList<String> stackServices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper grafanaUrl = new ReadOnlyStringWrapper(this, "grafanaUrl", "");
    private final ReadOnlyStringWrapper grafanaPassword = new ReadOnlyStringWrapper(this, "grafanaPassword", "");
    private final BooleanBinding canReset;
    private final BooleanBinding canRestartService;
    private final BooleanBinding canChangeTraceSource;

    public DockerStackViewModel(LabEngine engine, LabSession session, UiExecutors executors, Executor control) {
        this.engine = engine;
        this.session = session;
        this.executors = executors;
        this.control = control;
        canReset = session.when(() -> hasStack.get() && !session.isStackBusy() && session.isDown(),
                hasStack, session.stackBusyProperty());
        canRestartService = session.when(() -> hasStack.get() && !session.isStackBusy() && session.isRunning(),
                hasStack, session.stackBusyProperty());
        canChangeTraceSource = session.when(() -> !session.switchingModeProperty().get() && session.isDown(),
                session.switchingModeProperty());
        refresh();
        engine.addStatusListener(status -> executors.ui().execute(this::refresh));
    }

    /**
     * Where Docker mode reads traces from the next Start: the stack's Tempo, or the jaeger-zipkin
     * profile's Jaeger or Zipkin (that Start runs the profile too). Only while the lab is stopped;
     * kept for the Docker mode when another mode is current.
     */
    public void selectTraceSource(TraceSourceChoice choice) {
        if (choice == null || choice == session.traceSourceProperty().get() || !canChangeTraceSource.get()) {
            return;
        }
        session.setTraceSource(choice);
        engine.stackControl().ifPresent(stack -> control.execute(() -> stack.useTraceSource(choice)));
    }

    /** What a trace source choice means, for the Docker card. */
    public static String traceSourceDescription(TraceSourceChoice choice) {
        return switch (choice) {
            case TEMPO -> "Traces from the stack's Tempo.";
            case JAEGER, ZIPKIN -> "Traces from " + choice.displayName() + ": Start also runs the stack's jaeger-zipkin"
                    + " profile (Jaeger and Zipkin). Logs and SLIs still come from Loki and Prometheus.";
        };
    }

    /** Removes the stack's containers, network and volumes (the view asks the user first). */
    public void resetStack() {
        Optional<StackControl> stack = engine.stackControl();
        if (!canReset.get() || stack.isEmpty()) {
            return;
        }
        session.setStackBusy(true);
        session.clearProblem();
        control.execute(() -> runOnStack(() -> stack.get().reset(), "Resetting the stack failed",
                "Check that the Docker engine runs, then press Reset again."));
    }

    /** Restarts one service of the running stack and waits until it is ready again. */
    public void restartService(String service) {
        Optional<StackControl> stack = engine.stackControl();
        if (!canRestartService.get() || stack.isEmpty() || service == null) {
            return;
        }
        session.setStackBusy(true);
        control.execute(() -> runOnStack(() -> stack.get().restart(service), "Restarting " + service + " failed",
                "Look at its log (Output of: " + service + "), then Restart the lab."));
    }

    /** Reads the current mode's stack again: after a status change or a mode switch. */
    void refresh() {
        Optional<StackControl> stack = engine.stackControl();
        hasStack.set(stack.isPresent());
        List<String> services = stack.map(StackControl::services).orElse(List.of());
        if (!services.equals(stackServices)) {
            stackServices.setAll(services);
        }
        grafanaPassword.set(stack.flatMap(StackControl::grafanaAdminPassword).orElse(""));
        grafanaUrl.set(engine.grafanaUrl().map(URI::toString).orElse(""));
    }

    private interface StackAction {
        void run() throws LabStartException, InterruptedException;
    }

    private void runOnStack(StackAction action, String failure, String whatToDo) {
        try {
            action.run();
            executors.ui().execute(() -> session.setStackBusy(false));
        } catch (LabStartException e) {
            executors.ui().execute(() -> {
                session.setStackBusy(false);
                session.showProblem(new LabProblem(failure + ": " + e.getMessage(), e.details(), whatToDo));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executors.ui().execute(() -> session.setStackBusy(false));
        }
    }

    /** Whether the current mode runs a stack of containers (Docker): the Stack card shows. */
    public ReadOnlyBooleanProperty hasStackProperty() {
        return hasStack.getReadOnlyProperty();
    }

    public ObservableList<String> stackServices() {
        return stackServices;
    }

    /** Grafana's URL while the stack runs, else "". */
    public ReadOnlyStringProperty grafanaUrlProperty() {
        return grafanaUrl.getReadOnlyProperty();
    }

    /** Grafana's admin password in Docker mode once the first Start made it, else "". */
    public ReadOnlyStringProperty grafanaPasswordProperty() {
        return grafanaPassword.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stackBusyProperty() {
        return session.stackBusyProperty();
    }

    public BooleanBinding canResetProperty() {
        return canReset;
    }

    public BooleanBinding canRestartServiceProperty() {
        return canRestartService;
    }

    /** Where Docker mode reads traces (Tempo by default). */
    public ReadOnlyObjectProperty<TraceSourceChoice> traceSourceProperty() {
        return session.traceSourceProperty();
    }

    /** Whether the trace source can change now: the lab stopped, no mode switch in progress. */
    public BooleanBinding canChangeTraceSourceProperty() {
        return canChangeTraceSource;
    }
}
