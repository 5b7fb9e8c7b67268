package dev.otellab.cli;

import dev.otellab.telemetry.model.SloTargets;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The SLO target options of the commands that judge SLIs (`sli`, `verify`). */
final class SloTargetOptions {
    @Option(names = "--availability-target", paramLabel = "PERCENT", defaultValue = "99",
            description = "Share of requests that must not fail with 5xx, in percent (default: ${DEFAULT-VALUE}).")
    String availabilityTarget;

    @Option(names = "--p95-target", paramLabel = "D", converter = DurationConverter.class, defaultValue = "500ms",
            description = "95th percentile latency objective (default: ${DEFAULT-VALUE}).")
    Duration p95Target;

    /** The targets; throws IllegalArgumentException with a readable message. */
    SloTargets targets() {
        double percent;
        try {
            percent = Double.parseDouble(availabilityTarget.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + availabilityTarget + "' is not a percentage: write e.g. 99 or 99.9");
        }
        return new SloTargets(percent / 100, p95Target.toNanos() / 1e6);
    }
}
