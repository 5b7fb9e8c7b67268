package dev.otellab.cli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SloTargets;
import picocli.CommandLine.Option;

/** The SLO target options of the commands that judge SLIs (`sli`, `verify`), in the window's grammar ({@link SloText}). */
final class SloTargetOptions {
    @Option(names = "--availability-target", paramLabel = "PERCENT", defaultValue = "99",
            description = "Share of requests that must not fail with 5xx, in percent (default: ${DEFAULT-VALUE}).")
    String availabilityTarget;

    @Option(names = "--p95-target", paramLabel = "D", defaultValue = "500ms",
            description = "95th percentile latency objective, e.g. 500ms or 2s; a bare number is milliseconds"
                    + " (default: ${DEFAULT-VALUE}).")
    String p95Target;

    /** The targets; throws IllegalArgumentException with a readable message. */
    SloTargets targets() {
        return SloText.targets(availabilityTarget, p95Target);
    }
}
