package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.StackControl;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lab view's output list: lab-backend's output, or one Docker stack service's log. Lines
 * arrive on the engine's threads, wait in a bounded queue and are applied at most every
 * {@link #DRAIN_INTERVAL}, with one list change per drain. Call the public methods on the UI thread.
 */
public final class LabOutputViewModel {
    public static final int OUTPUT_CAPACITY = 2_000;
    public static final Duration DRAIN_INTERVAL = Duration.ofMillis(100);
    /** The output list shows lab-backend's own output unless a stack service's log is chosen. */
    public static final String BACKEND_OUTPUT = "lab-backend";
    public static final int SERVICE_LOG_TAIL = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LabOutputViewModel.class);

    private final LabEngine engine;
    private final LabSession session;
    private final UiExecutors executors;
    private final Executor control;
    private final OutputBuffer pendingOutput = new OutputBuffer(OUTPUT_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper shownLog = new ReadOnlyStringWrapper(this, "shownLog", BACKEND_OUTPUT);
    private volatile String outputSource = BACKEND_OUTPUT;
    private Closeable serviceLog;

    public LabOutputViewModel(LabEngine engine, LabSession session, UiExecutors executors, Executor control) {
        this.engine = engine;
        this.session = session;
        this.executors = executors;
        this.control = control;
        engine.addBackendOutputListener(line -> {
            if (BACKEND_OUTPUT.equals(outputSource)) {
                onOutputLine(line);
            }
        });
    }

    /** Shows one stack service's log in the output list, or lab-backend's output ({@link #BACKEND_OUTPUT}). */
    public void showLogOf(String source) {
        String wanted = source == null ? BACKEND_OUTPUT : source;
        boolean alreadyShown = BACKEND_OUTPUT.equals(wanted) || serviceLog != null;
        if (wanted.equals(outputSource) && alreadyShown) {
            return;
        }
        closeServiceLog();
        outputSource = wanted;
        shownLog.set(wanted);
        pendingOutput.drain();
        lines.clear();
        Optional<StackControl> stack = engine.stackControl();
        if (BACKEND_OUTPUT.equals(wanted) || stack.isEmpty()) {
            return;
        }
        control.execute(() -> {
            try {
                Closeable opened = stack.get().followLogs(wanted, SERVICE_LOG_TAIL, line -> {
                    if (wanted.equals(outputSource)) {
                        onOutputLine(line);
                    }
                });
                executors.ui().execute(() -> {
                    if (wanted.equals(outputSource)) {
                        serviceLog = opened;
                    } else {
                        closeQuietly(opened);
                    }
                });
            } catch (LabStartException e) {
                executors.ui().execute(() -> session.showProblem(LabProblem.from(e)));
            }
        });
    }

    /** Another mode's engine: lab-backend's output again, from an empty list. */
    void startOver() {
        showLogOf(BACKEND_OUTPUT);
        lines.clear();
    }

    /**
     * Applies the output lines that arrived since the last drain: called on the UI executor by
     * the drain timer; tests may call it directly.
     */
    public void drainOutput() {
        drainScheduled.set(false);
        List<String> drained = pendingOutput.drain();
        if (drained.isEmpty()) {
            return;
        }
        if (drained.size() >= OUTPUT_CAPACITY) {
            lines.setAll(drained.subList(drained.size() - OUTPUT_CAPACITY, drained.size()));
            return;
        }
        int overflow = lines.size() + drained.size() - OUTPUT_CAPACITY;
        if (overflow > 0) {
            lines.remove(0, overflow);
        }
        lines.addAll(drained);
    }

    /** The window closes: stop following a service's log. */
    public void close() {
        closeServiceLog();
    }

    /** The shown output's last {@link #OUTPUT_CAPACITY} lines, oldest first. */
    public ObservableList<String> lines() {
        return lines;
    }

    /** Whose output the output list shows: {@link #BACKEND_OUTPUT} or a stack service. */
    public ReadOnlyStringProperty shownLogProperty() {
        return shownLog.getReadOnlyProperty();
    }

    private void onOutputLine(String line) {
        pendingOutput.offer(BackendOutputLine.format(line));
        if (drainScheduled.compareAndSet(false, true)) {
            executors.timer().schedule(() -> executors.ui().execute(this::drainOutput),
                    DRAIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void closeServiceLog() {
        if (serviceLog != null) {
            closeQuietly(serviceLog);
            serviceLog = null;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a service log failed", e);
        }
    }
}
