package dev.otellab.lab;

/**
 * One part of the lab (receiver, store, lab-backend...), its state and a line for the user:
 * where it listens when healthy, why it failed and what to do when failed.
 */
public record PartStatus(String part, PartState state, String detail) {
    public PartStatus {
        detail = detail == null ? "" : detail;
    }

    public static PartStatus stopped(String part) {
        return new PartStatus(part, PartState.STOPPED, "");
    }
}
