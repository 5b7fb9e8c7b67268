package dev.otellab.lab;

import java.io.Closeable;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a lab made of containers offers beyond start and stop (Docker mode): its services,
 * restarting one, following one's log, removing everything with its data, and Grafana's admin
 * password. Calls block: run them off the UI thread.
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

    /** Grafana's admin password (user "admin"), generated on first use and kept in the config folder. */
    String grafanaAdminPassword();
}
