package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.ui.shell.PartHealth;
import dev.otellab.ui.shell.StatusBarViewModel;

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

    /**
     * @param receiverEndpoint where telemetry should be sent while the lab runs, e.g.
     *                         "OTLP http://127.0.0.1:4318" ("" when not known); called on the engine's thread
     */
    public LabStatusBarFeed(StatusBarViewModel statusBar, Supplier<String> receiverEndpoint) {
        this.statusBar = statusBar;
        this.receiverEndpoint = receiverEndpoint;
    }

    /** Shows the engine's state now and follows it (the Lab view feeds the traffic line). */
    public void follow(LabEngine engine) {
        statusBar.setLabMode(modeText(engine.mode()));
        show(engine.status());
        engine.addStatusListener(this::show);
    }

    void show(LabStatus status) {
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
