package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Span;

/**
 * Where a span's bar sits on the trace's timeline, as fractions of the timeline's width:
 * {@code offset} from the trace start, {@code width} for the span's duration. Both stay in
 * [0, 1], even for clock-skewed spans that start before or end after the trace.
 */
public record BarGeometry(double offset, double width) {

    public static BarGeometry of(Span span, long traceStartNanos, long traceDurationNanos) {
        if (traceDurationNanos <= 0) {
            return new BarGeometry(0, 1);
        }
        double offset = clamp((double) (span.startUnixNano() - traceStartNanos) / traceDurationNanos);
        double width = Math.min(1 - offset, clamp((double) span.durationNanos() / traceDurationNanos));
        return new BarGeometry(offset, width);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
