package dev.otellab.lab.traffic;

import java.time.Duration;

/**
 * What the traffic generator sends: requests per second and how they are shared among
 * lab-backend's routes: slow answers on /api/simulate-slow (each waiting {@code slowDelay}),
 * failures on /api/reports/overdue, CPU work on /api/work (each burning {@code workTime}); the
 * rest is a mix of task CRUD calls. Each share picks one route, so a scenario can make exactly
 * one route slow or failing.
 */
public record TrafficProfile(double requestsPerSecond, double slowShare, double errorShare, Duration slowDelay,
                             double workShare, Duration workTime) {
    public static final double MAX_REQUESTS_PER_SECOND = 500;
    /** lab-backend refuses longer delays and longer work. */
    public static final Duration MAX_ROUTE_TIME = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WORK_TIME = Duration.ofMillis(100);
    public static final TrafficProfile DEFAULT = new TrafficProfile(5, 0.05, 0.02, Duration.ofMillis(800));

    public TrafficProfile {
        if (!(requestsPerSecond > 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("Requests per second must be above 0 and at most "
                    + (int) MAX_REQUESTS_PER_SECOND + ", got " + requestsPerSecond);
        }
        checkShare("slow", slowShare);
        checkShare("failing", errorShare);
        checkShare("CPU work", workShare);
        if (slowShare + errorShare + workShare > 1) {
            throw new IllegalArgumentException(workShare == 0
                    ? "The slow and failing shares add up to more than 100%"
                    : "The slow, failing and CPU work shares add up to more than 100%");
        }
        checkTime("slow delay", slowDelay);
        checkTime("CPU work time", workTime);
    }

    /** Without CPU work requests: slow, failing and CRUD requests only. */
    public TrafficProfile(double requestsPerSecond, double slowShare, double errorShare, Duration slowDelay) {
        this(requestsPerSecond, slowShare, errorShare, slowDelay, 0, DEFAULT_WORK_TIME);
    }

    /** The same mix at another rate (a burst). */
    public TrafficProfile withRequestsPerSecond(double value) {
        return new TrafficProfile(value, slowShare, errorShare, slowDelay, workShare, workTime);
    }

    private static void checkShare(String what, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("The share of " + what + " requests is between 0 and 100%, got "
                    + share * 100 + "%");
        }
    }

    private static void checkTime(String what, Duration time) {
        if (time == null || time.isNegative() || time.compareTo(MAX_ROUTE_TIME) > 0) {
            throw new IllegalArgumentException("The " + what + " is between 0 and 10 s (lab-backend's limit)");
        }
    }
}
