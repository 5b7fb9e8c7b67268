package dev.otellab.telemetry.model;

/**
 * How a service (or route) stands against its objectives over a range.
 * {@code errorBudgetRemaining} is the unspent share of the budget (1 = untouched, 0 = spent,
 * negative = overspent); {@code burnRate} is the observed error ratio divided by the allowed one
 * (1 = spending exactly at the sustainable pace).
 */
public record SloStatus(
        String service,
        String route,
        SloTargets targets,
        long requests,
        double availability,
        double p95LatencyMillis,
        double errorBudgetRemaining,
        double burnRate,
        SloHealth availabilityHealth,
        SloHealth latencyHealth) {

    public SloHealth overall() {
        if (availabilityHealth == SloHealth.NO_DATA) {
            return SloHealth.NO_DATA;
        }
        return availabilityHealth.ordinal() >= latencyHealth.ordinal() ? availabilityHealth : latencyHealth;
    }
}
