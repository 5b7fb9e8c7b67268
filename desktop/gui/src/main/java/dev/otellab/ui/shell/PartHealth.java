package dev.otellab.ui.shell;

/** The health of one part of the lab (receiver, store, lab-backend, collector...) for the status bar. */
public record PartHealth(String part, State state, String detail) {
    public enum State { UP, STARTING, DOWN, STOPPED, UNKNOWN }

    public PartHealth {
        detail = detail == null ? "" : detail;
    }
}
