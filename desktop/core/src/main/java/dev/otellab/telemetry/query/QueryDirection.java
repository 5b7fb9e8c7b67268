package dev.otellab.telemetry.query;

/** Order of query results by time. */
public enum QueryDirection {
    NEWEST_FIRST, OLDEST_FIRST
}
