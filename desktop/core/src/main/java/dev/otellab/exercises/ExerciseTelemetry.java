package dev.otellab.exercises;

import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSource;

/**
 * What a checker reads: the query ports, the observed service, and the scenario's time window
 * (its start until its last request could have answered).
 */
public record ExerciseTelemetry(TraceSource traces, LogSource logs, SliSource slis, String service, TimeRange window) {
}
