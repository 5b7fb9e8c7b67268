package dev.otellab.lab.traffic;

/** What the generator has sent so far and how it was answered. */
public record TrafficCounts(long sent, long succeeded, long clientErrors, long serverErrors, long failed) {
    public static final TrafficCounts NONE = new TrafficCounts(0, 0, 0, 0, 0);

    /** Requests still waiting for an answer. */
    public long inFlight() {
        return sent - succeeded - clientErrors - serverErrors - failed;
    }
}
