package dev.otellab.telemetry.diff;

/** Where an aligned span exists: in both traces, or only in the first (A) or the second (B). */
public enum Presence {
    BOTH, ONLY_A, ONLY_B
}
