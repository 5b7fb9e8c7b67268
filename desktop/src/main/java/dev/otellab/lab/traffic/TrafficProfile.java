package dev.otellab.lab.traffic;

import java.time.Duration;

/**
 * What the traffic generator sends: requests per second, the share of requests that ask for
 * a slow answer (/api/simulate-slow) and the share that ask for a failure (/api/simulate-error);
 * the rest is a mix of task CRUD calls.
 */
public record TrafficProfile(double requestsPerSecond, double slowShare, double errorShare, Duration slowDelay) {
    public static final double MAX_REQUESTS_PER_SECOND = 500;
    public static final TrafficProfile DEFAULT = new TrafficProfile(5, 0.05, 0.02, Duration.ofMillis(800));

    public TrafficProfile {
        if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("Requests per second must be above 0 and at most "
                    + (int) MAX_REQUESTS_PER_SECOND + ", got " + requestsPerSecond);
        }
        checkShare("slow", slowShare);
        checkShare("failing", errorShare);
        if (slowShare + errorShare > 1) {
            throw new IllegalArgumentException("The slow and failing shares add up to more than 100%");
        }
        if (slowDelay == null || slowDelay.isNegative() || slowDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("The slow delay is between 0 and 10 s (lab-backend's limit)");
        }
    }

    private static void checkShare(String what, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("The share of " + what + " requests is between 0 and 100%, got "
                    + share * 100 + "%");
        }
    }
}
