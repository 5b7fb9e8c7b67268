package dev.otellab.telemetry.model;

/**
 * The service level indicators of one step of a series. Rates are per second; ratios are
 * 0..1; latencies are milliseconds. When a step saw no requests, {@code requests} is 0 and the
 * ratios and latencies are NaN (there is nothing to measure, which is not the same as 100%).
 */
public record SliPoint(
        long timeUnixNano,
        long requests,
        long errors,
        double requestRate,
        double errorRatio,
        double availability,
        double p50Millis,
        double p95Millis,
        double p99Millis) {

    public boolean hasRequests() {
        return requests > 0;
    }
}
