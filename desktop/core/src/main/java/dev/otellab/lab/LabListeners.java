package dev.otellab.lab;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who hears of a lab engine's status snapshots and of the lines its services print. Listeners
 * may be added from any thread, also while a notification runs; each is called on the thread
 * that reports, in the order they were added.
 */
public final class LabListeners {
    private final List<Consumer<LabStatus>> status = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> output = new CopyOnWriteArrayList<>();

    public void addStatusListener(Consumer<LabStatus> listener) {
        status.add(listener);
    }

    public void addOutputListener(Consumer<String> listener) {
        output.add(listener);
    }

    /** Passes a new snapshot to every status listener. */
    public void statusChanged(LabStatus snapshot) {
        status.forEach(listener -> listener.accept(snapshot));
    }

    /** Passes a line a service printed to every output listener. */
    public void printed(String line) {
        output.forEach(listener -> listener.accept(line));
    }
}
