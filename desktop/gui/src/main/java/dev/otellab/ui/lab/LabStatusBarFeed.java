package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.ui.shell.PartHealth;
import dev.otellab.ui.shell.StatusBarViewModel;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Feeds the status bar from the lab engine: the mode, each part's health (a colored dot with
 * the part's line as tooltip), where the receiver listens, and the traffic generator's state.
 * The engine calls back on its own threads; the status bar hands every update to the UI thread.
 * The traffic line comes from the Lab view, which knows whether traffic runs.
 */
public final class LabStatusBarFeed {
    private final StatusBarViewModel statusBar;
    private final Supplier<String> receiverEndpoint;
    private final Function<LabMode, String> dataLocation;

    /**
     * @param receiverEndpoint where telemetry should be sent while the lab runs, e.g.
     *                         "OTLP http://127.0.0.1:4318" ("" when not known); called on the engine's thread
     */
    public LabStatusBarFeed(StatusBarViewModel statusBar, Supplier<String> receiverEndpoint) {
        this(statusBar, receiverEndpoint, mode -> null);
    }

    /**
     * @param dataLocation where the views read from in a mode ("Embedded store: /path", "Tempo, Loki,
     *                     Prometheus on 127.0.0.1"); null leaves the status bar's line as it is
     */
    public LabStatusBarFeed(StatusBarViewModel statusBar, Supplier<String> receiverEndpoint,
                            Function<LabMode, String> dataLocation) {
        this.statusBar = statusBar;
        this.receiverEndpoint = receiverEndpoint;
        this.dataLocation = dataLocation;
    }

    /** Shows the engine's state now and follows it (the Lab view feeds the traffic line). */
    public void follow(LabEngine engine) {
        show(engine.status());
        engine.addStatusListener(this::show);
    }

    void show(LabStatus status) {
        statusBar.setLabMode(modeText(status.mode()));
        String location = dataLocation.apply(status.mode());
        if (location != null) {
            statusBar.setDataLocation(location);
        }
        statusBar.retainParts(status.parts().stream().map(PartStatus::part).toList());
        for (PartStatus part : status.parts()) {
            statusBar.reportPart(health(part));
        }
        boolean receiving = status.parts().stream().anyMatch(part -> part.state() == PartState.HEALTHY
                && part.part().toLowerCase(java.util.Locale.ROOT).contains("receiver"));
        statusBar.setReceiverEndpoint(receiving ? receiverEndpoint.get() : "");
    }

    static PartHealth health(PartStatus part) {
        PartHealth.State state = switch (part.state()) {
            case HEALTHY -> PartHealth.State.UP;
            case STARTING -> PartHealth.State.STARTING;
            case FAILED -> PartHealth.State.DOWN;
            case STOPPED -> PartHealth.State.STOPPED;
        };
        return new PartHealth(part.part(), state, part.detail());
    }

    static String modeText(LabMode mode) {
        return switch (mode) {
            case EMBEDDED -> "Embedded lab";
            case DOCKER -> "Docker lab";
            case REMOTE -> "Remote stack";
        };
    }
}
