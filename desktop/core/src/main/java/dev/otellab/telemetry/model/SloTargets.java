package dev.otellab.telemetry.model;

/**
 * Service level objectives. The defaults come from the lab's seed: 99% of requests succeed
 * (no 5xx) and the 95th percentile latency stays under 500 ms.
 */
public record SloTargets(double availability, double p95LatencyMillis) {
    public static final SloTargets DEFAULT = new SloTargets(0.99, 500);

    public SloTargets {
        if (!(availability > 0 && availability < 1)) {
            throw new IllegalArgumentException("An availability target is between 0 and 100% (exclusive), got " + availability * 100 + "%");
        }
        if (!(p95LatencyMillis > 0)) {
            throw new IllegalArgumentException("A latency target is a positive number of milliseconds, got " + p95LatencyMillis);
        }
    }

    /** The share of requests allowed to fail: 1 - availability target. */
    public double errorBudget() {
        return 1 - availability;
    }
}
