package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import dev.otellab.ui.shell.StatusBarViewModel;
import javafx.application.Platform;

import java.util.Objects;
import java.util.Optional;

/**
 * What the window needs from the rest of the console: the query ports (whatever the lab
 * mode), the status bar that the lab engine feeds, the folders (settings live in the
 * config folder), and the lab engine the Lab view drives (null when the window only queries).
 */
public record ConsoleServices(
        TraceSource traces,
        LogSource logs,
        SliSource slis,
        ServiceMapSource serviceMap,
        StatusBarViewModel statusBar,
        DataDirectories directories,
        LabEngine lab) {

    public ConsoleServices {
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(slis, "slis");
        Objects.requireNonNull(serviceMap, "serviceMap");
        Objects.requireNonNull(statusBar, "statusBar");
        Objects.requireNonNull(directories, "directories");
    }

    /** Services without a lab engine: the views query, nothing starts or stops the lab. */
    public ConsoleServices(TraceSource traces, LogSource logs, SliSource slis, ServiceMapSource serviceMap,
                           StatusBarViewModel statusBar, DataDirectories directories) {
        this(traces, logs, slis, serviceMap, statusBar, directories, null);
    }

    /** The lab engine the Lab view drives, when there is one. */
    public Optional<LabEngine> labEngine() {
        return Optional.ofNullable(lab);
    }

    /** The attribute names and values the trace search offers: the lab engine's, when it can list them. */
    public Optional<TraceTags> traceTags() {
        return labEngine().flatMap(LabEngine::traceTags);
    }

    /** The same services, with the lab engine the Lab view drives. */
    public ConsoleServices withLab(LabEngine engine) {
        return new ConsoleServices(traces, logs, slis, serviceMap, statusBar, directories, engine);
    }

    /**
     * Services over the embedded store: the status bar says so and where the store lives. The
     * status bar hands its updates to the FX thread.
     */
    public static ConsoleServices embedded(TraceSource traces, LogSource logs, SliSource slis, ServiceMapSource serviceMap,
                                           DataDirectories directories) {
        StatusBarViewModel statusBar = new StatusBarViewModel(Platform::runLater);
        statusBar.setLabMode("Embedded lab");
        statusBar.setDataLocation("Embedded store: " + directories.telemetryStoreDir());
        return new ConsoleServices(traces, logs, slis, serviceMap, statusBar, directories);
    }
}
