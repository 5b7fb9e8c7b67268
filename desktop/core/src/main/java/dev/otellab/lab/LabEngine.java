package dev.otellab.lab;

import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the lab in one mode and gives the views the query ports. Start and stop block
 * until done: callers run them off the UI thread. Thread-safe.
 */
public interface LabEngine extends AutoCloseable {

    LabMode mode();

    /** Starts every part; on failure, stops what did start and throws with the reason. */
    void start() throws LabStartException, InterruptedException;

    /** Stops the lab's service (flushing its telemetry) and the parts; queries keep working. */
    void stop();

    LabStatus status();

    /** Called with a new snapshot whenever a part changes state, on the thread that changed it. */
    void addStatusListener(Consumer<LabStatus> listener);

    /**
     * Every line the lab's services print, as they print it; where several run, each line is
     * tagged with its service ({@link ServiceOutput}).
     */
    void addBackendOutputListener(Consumer<String> listener);

    /** Where services send OTLP/HTTP while the lab runs (the embedded receiver, or the Collector). */
    Optional<String> telemetryEndpoint();

    /** lab-backend's base URL while it runs. */
    Optional<URI> backendUrl();

    /** lab-web's base URL (the tasks page) while it runs, in the modes that run it. */
    default Optional<URI> webUrl() {
        return Optional.empty();
    }

    /** Grafana's base URL when this mode has a Grafana to open (Docker while running, Remote when set). */
    default Optional<URI> grafanaUrl() {
        return Optional.empty();
    }

    /** Links into that Grafana ({@link #grafanaUrl()}), when there is one. */
    default Optional<ExploreLinks> grafanaLinks() {
        return Optional.empty();
    }

    /** The mode switch, when the user may choose this lab's mode (the window's lab). */
    default Optional<ModeSwitch> modeSwitch() {
        return Optional.empty();
    }

    /** The remote mode's settings, when this lab offers a remote mode. */
    default Optional<RemoteSettings> remoteSettings() {
        return Optional.empty();
    }

    /** The container controls when this mode runs a stack of containers (Docker). */
    default java.util.Optional<StackControl> stackControl() {
        return java.util.Optional.empty();
    }

    /** The traffic aimed at the running lab (lab-web, or lab-backend where there is no lab-web). */
    Optional<Traffic> traffic();

    TraceSource traces();

    /** Attribute names and values for the trace search form, when this mode's trace source can list them. */
    default Optional<TraceTags> traceTags() {
        return Optional.empty();
    }

    /**
     * Imports trace files into the data folder's store (every mode keeps it: a file opened while
     * the views read Tempo is still kept); empty when this engine has no store.
     */
    default Optional<dev.otellab.telemetry.files.TraceImport> traceImport() {
        return Optional.empty();
    }

    LogSource logs();

    SliSource slis();

    /** The services and the calls between them (decision 0023). */
    ServiceMapSource serviceMap();

    /** Stops the lab and releases everything (the store too). */
    @Override
    void close();
}
