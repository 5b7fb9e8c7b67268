package dev.otellab.telemetry.model;

/** Traffic-light state of an objective. */
public enum SloHealth {
    /** Objective met with budget to spare. */
    GREEN,
    /** Objective met, but the budget burns faster than it may (burn rate above 1) or little is left. */
    AMBER,
    /** Objective missed: budget exhausted or latency over target. */
    RED,
    /** No requests in the range: nothing to judge. */
    NO_DATA
}
