package dev.otellab.presentation;

import dev.otellab.telemetry.model.Span;

/**
 * Where a span's bar sits on the trace's timeline, as fractions of the timeline's width:
 * {@code offset} from the trace start, {@code width} for the span's duration. Both stay in
 * [0, 1], even for clock-skewed spans that start before or end after the trace. The window
 * draws it in pixels, the CLI in character cells ({@link #text(int)}).
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

    /** The bar in {@code cells} characters: blanks, then at least one '█', then blanks. */
    public String text(int cells) {
        int start = (int) Math.min(cells - 1, Math.floor(offset * cells));
        int length = (int) Math.max(1, Math.min(cells - start, Math.round(width * cells)));
        return " ".repeat(start) + "█".repeat(length) + " ".repeat(cells - start - length);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
