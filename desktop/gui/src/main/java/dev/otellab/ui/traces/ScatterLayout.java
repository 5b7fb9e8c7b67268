package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each trace's dot goes in the duration-over-time plot: x by start time, y by duration
 * (longest at the top), inside the plot area left by the margins. Pure geometry, so the hit
 * test that opens a trace on click is unit-tested.
 */
public final class ScatterLayout {
    public static final double LEFT = 64;
    public static final double RIGHT = 16;
    public static final double TOP = 12;
    public static final double BOTTOM = 24;
    public static final double HIT_RADIUS = 7;

    public record Dot(TraceSummary trace, double x, double y) {
    }

    private final List<Dot> dots;
    private final long fromNanos;
    private final long toNanos;
    private final long maxDurationNanos;

    private ScatterLayout(List<Dot> dots, long fromNanos, long toNanos, long maxDurationNanos) {
        this.dots = dots;
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.maxDurationNanos = maxDurationNanos;
    }

    public static ScatterLayout of(List<TraceSummary> traces, double width, double height) {
        if (traces.isEmpty()) {
            return new ScatterLayout(List.of(), 0, 0, 0);
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        long maxDuration = 1;
        for (TraceSummary trace : traces) {
            from = Math.min(from, trace.startUnixNano());
            to = Math.max(to, trace.startUnixNano());
            maxDuration = Math.max(maxDuration, trace.durationNanos());
        }
        double plotWidth = Math.max(1, width - LEFT - RIGHT);
        double plotHeight = Math.max(1, height - TOP - BOTTOM);
        // Head room above the longest trace so its dot is not cut by the edge.
        long yMax = (long) Math.ceil(maxDuration * 1.1);
        List<Dot> dots = new ArrayList<>(traces.size());
        for (TraceSummary trace : traces) {
            double xFraction = to == from ? 0.5 : (double) (trace.startUnixNano() - from) / (to - from);
            double yFraction = (double) trace.durationNanos() / yMax;
            dots.add(new Dot(trace, LEFT + xFraction * plotWidth, TOP + (1 - yFraction) * plotHeight));
        }
        return new ScatterLayout(List.copyOf(dots), from, to, yMax);
    }

    public List<Dot> dots() {
        return dots;
    }

    public long fromNanos() {
        return fromNanos;
    }

    public long toNanos() {
        return toNanos;
    }

    /** The duration at the top of the y axis. */
    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    /** The dot nearest to a click, when one lies within {@link #HIT_RADIUS}. */
    public Optional<TraceSummary> hit(double x, double y) {
        Dot best = null;
        double bestDistance = HIT_RADIUS * HIT_RADIUS;
        for (Dot dot : dots) {
            double dx = dot.x - x;
            double dy = dot.y - y;
            double distance = dx * dx + dy * dy;
            if (distance <= bestDistance) {
                best = dot;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best).map(Dot::trace);
    }
}
