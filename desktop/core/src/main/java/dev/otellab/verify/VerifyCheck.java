package dev.otellab.verify;

import java.util.function.Supplier;

/**
 * One thing verify checks in the telemetry, by a stable name. The probe looks once and may be
 * called again while the telemetry is still arriving; it remembers what it already found.
 */
public record VerifyCheck(String name, Supplier<CheckVerdict> probe) {
    public CheckVerdict probeOnce() {
        return probe.get();
    }
}
