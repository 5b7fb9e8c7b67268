package dev.otellab.verify.report;

/** How many requests of each kind a verify run sent. */
public record TrafficSummary(int normal, int slow, int failing) {
    public int total() {
        return normal + slow + failing;
    }
}
