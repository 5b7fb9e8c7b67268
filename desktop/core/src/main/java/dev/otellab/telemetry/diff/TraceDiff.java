package dev.otellab.telemetry.diff;

import java.util.Comparator;
import java.util.List;

/**
 * Two traces compared span by span: the aligned rows in waterfall order (parents before
 * children), both trace durations, and the spans that contribute most to the total delta.
 * {@code typicalOf} is the number of traces whose medians make up A when A is the typical trace.
 */
public record TraceDiff(String labelA, String labelB, String traceIdA, String traceIdB, long durationA,
                        long durationB, List<SpanDiff> spans, int typicalOf) {
    public static final int TOP_CONTRIBUTORS = 5;

    public TraceDiff {
        spans = List.copyOf(spans);
    }

    public long totalDelta() {
        return durationB - durationA;
    }

    /**
     * The spans whose self time moved most in the direction of the total delta (slower when B is
     * slower): the answer to "where did the time go?". At most five, none with a zero delta.
     */
    public List<SpanDiff> topContributors() {
        Comparator<SpanDiff> bySelfDelta = Comparator.comparingLong(SpanDiff::selfDelta);
        Comparator<SpanDiff> order = totalDelta() >= 0 ? bySelfDelta.reversed() : bySelfDelta;
        boolean slower = totalDelta() >= 0;
        return spans.stream()
                .filter(row -> slower ? row.selfDelta() > 0 : row.selfDelta() < 0)
                .sorted(order)
                .limit(TOP_CONTRIBUTORS)
                .toList();
    }

    /** True when nothing differs: same spans, same timings, same statuses and attributes. */
    public boolean isEmpty() {
        return totalDelta() == 0 && spans.stream().noneMatch(SpanDiff::hasDifference);
    }

    public long count(Presence presence) {
        return spans.stream().filter(row -> row.presence() == presence).count();
    }

    public long statusChanges() {
        return spans.stream().filter(SpanDiff::statusChanged).count();
    }
}
