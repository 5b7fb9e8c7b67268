package dev.otellab.lab;

import java.io.Closeable;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a lab made of containers offers beyond start and stop (Docker mode): its services,
 * restarting one, following one's log, removing everything with its data, Grafana's admin
 * password and where traces are read. Calls block: run them off the UI thread.
 */
public interface StackControl {

    /** The stack's services, in the compose file's order. */
    List<String> services();

    /** Restarts one service and waits until it is ready again. */
    void restart(String service) throws LabStartException, InterruptedException;

    /** Follows one service's log (the last {@code tail} lines first) until the handle is closed. */
    Closeable followLogs(String service, int tail, Consumer<String> lines) throws LabStartException;

    /** Removes the stack's containers, network and volumes: all its telemetry is gone. */
    void reset() throws LabStartException, InterruptedException;

    /** Export and import of the offline image bundle, when this console can make one. */
    default java.util.Optional<ImageBundles> imageBundles() {
        return java.util.Optional.empty();
    }

    /**
     * Grafana's admin password (user "admin"), made by the lab's first Start and kept in the
     * config folder; empty before that first Start.
     */
    java.util.Optional<String> grafanaAdminPassword();

    /**
     * Where the lab reads traces from the next Start on: the stack's Tempo, or the Jaeger or
     * Zipkin of its jaeger-zipkin profile, which that Start then runs too. Reads the stack's file
     * at most: nothing starts and nothing is written.
     */
    void useTraceSource(TraceSourceChoice choice);

    /** The trace source the next Start uses. */
    TraceSourceChoice traceSource();
}
