package dev.otellab.ui.lab;

import dev.otellab.lab.TraceSourceChoice;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the Lab view's view models share: the lab's state, the one problem the view shows,
 * whether the mode is switching or the Docker stack is busy, where Docker mode reads traces, and
 * who hears when long work ends. Each Lab view model writes its own part and reads the others'
 * from here instead of from each other. Use on the UI thread.
 */
public final class LabSession {
    private final ReadOnlyObjectWrapper<LabState> state = new ReadOnlyObjectWrapper<>(this, "state", LabState.STOPPED);
    private final ReadOnlyObjectWrapper<LabProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyBooleanWrapper switchingMode = new ReadOnlyBooleanWrapper(this, "switchingMode");
    private final ReadOnlyBooleanWrapper stackBusy = new ReadOnlyBooleanWrapper(this, "stackBusy");
    private final ReadOnlyObjectWrapper<TraceSourceChoice> traceSource =
            new ReadOnlyObjectWrapper<>(this, "traceSource", TraceSourceChoice.TEMPO);
    private final List<Consumer<String>> workFinishedListeners = new CopyOnWriteArrayList<>();

    public ReadOnlyObjectProperty<LabState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    void setState(LabState value) {
        state.set(value);
    }

    /** Whether the lab is stopped or failed: the setup (mode, trace source, stack reset) may change. */
    boolean isDown() {
        return state.get() == LabState.STOPPED || state.get() == LabState.FAILED;
    }

    boolean isRunning() {
        return state.get() == LabState.RUNNING;
    }

    /** A binding on the state and {@code more}, recomputed by {@code condition}. */
    BooleanBinding when(BooleanSupplier condition, Observable... more) {
        Observable[] dependencies = new Observable[more.length + 1];
        dependencies[0] = state;
        System.arraycopy(more, 0, dependencies, 1, more.length);
        return Bindings.createBooleanBinding(condition::getAsBoolean, dependencies);
    }

    /** The problem the Lab view shows (a failed start, mode switch or stack action), or null. */
    public ReadOnlyObjectProperty<LabProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    void showProblem(LabProblem value) {
        problem.set(value);
    }

    void clearProblem() {
        problem.set(null);
    }

    public ReadOnlyBooleanProperty switchingModeProperty() {
        return switchingMode.getReadOnlyProperty();
    }

    void setSwitchingMode(boolean value) {
        switchingMode.set(value);
    }

    /** One stack action at a time: a reset, a service restart, an image export or import. */
    public ReadOnlyBooleanProperty stackBusyProperty() {
        return stackBusy.getReadOnlyProperty();
    }

    boolean isStackBusy() {
        return stackBusy.get();
    }

    void setStackBusy(boolean value) {
        stackBusy.set(value);
    }

    /** Where Docker mode reads traces (Tempo by default); the next Start and a mode switch apply it. */
    public ReadOnlyObjectProperty<TraceSourceChoice> traceSourceProperty() {
        return traceSource.getReadOnlyProperty();
    }

    void setTraceSource(TraceSourceChoice value) {
        traceSource.set(value);
    }

    /**
     * Hears when long work ends (a lab start with its image pulls, an image export or import), to
     * tell a user who went to another view meanwhile. Called on the FX thread.
     */
    public void addWorkFinishedListener(Consumer<String> listener) {
        workFinishedListeners.add(listener);
    }

    void workFinished(String message) {
        workFinishedListeners.forEach(listener -> listener.accept(message));
    }
}
