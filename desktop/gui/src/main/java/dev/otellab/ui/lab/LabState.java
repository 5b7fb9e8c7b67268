package dev.otellab.ui.lab;

/** Where the lab stands, as the Lab view's buttons see it. */
public enum LabState {
    /** Nothing runs; Start is possible. */
    STOPPED,
    /** Start (or Restart) was pressed and the engine is still bringing the parts up. */
    STARTING,
    /** Every part came up. */
    RUNNING,
    /** Stop was pressed and the engine is flushing and stopping the parts. */
    STOPPING,
    /** The start failed, or a part died while running; the problem says why and what to do. */
    FAILED;

    public boolean busy() {
        return this == STARTING || this == STOPPING;
    }
}
