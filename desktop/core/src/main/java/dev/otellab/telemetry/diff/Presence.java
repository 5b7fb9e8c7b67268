package dev.otellab.telemetry.diff;

/** Where an aligned span exists: in both traces, or only in the first (A) or the second (B). */
public enum Presence {
    BOTH("both"), ONLY_A("A only"), ONLY_B("B only");

    private final String label;

    Presence(String label) {
        this.label = label;
    }

    /** How the CLI and the window say it. */
    public String label() {
        return label;
    }
}
