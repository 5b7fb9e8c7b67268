package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares one trace with the typical trace of its operation: each of its spans against the
 * median duration and self time of the aligned span in the other traces ("why was this one
 * slow?"). A span found in fewer than half of them counts as not typical (only in B); a span
 * most of them have but this trace lacks is "only in A" with its medians.
 */
public final class TypicalTrace {
    private TypicalTrace() {
    }

    public static TraceDiff compare(Trace trace, List<Trace> others) {
        if (others.isEmpty()) {
            throw new IllegalArgumentException("no other trace of " + trace.rootSpan().name() + " to compare with");
        }
        List<SpanDiff> own = TraceDiffer.diff(trace, trace).spans();
        Map<String, Samples> bySpanId = new HashMap<>();
        Map<String, Samples> missingByPath = new LinkedHashMap<>();
        long[] traceDurations = new long[others.size()];
        for (int t = 0; t < others.size(); t++) {
            Trace other = others.get(t);
            traceDurations[t] = other.durationNanos();
            for (SpanDiff row : TraceDiffer.diff(other, trace).spans()) {
                if (row.presence() == Presence.BOTH) {
                    bySpanId.computeIfAbsent(row.b().spanId(), id -> new Samples(row)).add(row);
                } else if (row.presence() == Presence.ONLY_A) {
                    missingByPath.computeIfAbsent(row.path(), path -> new Samples(row)).add(row);
                }
            }
        }
        int majority = others.size() / 2 + 1;
        List<SpanDiff> rows = new ArrayList<>(own.size());
        for (SpanDiff row : own) {
            Span span = row.b();
            Samples samples = bySpanId.get(span.spanId());
            boolean typical = samples != null && samples.count() >= majority;
            rows.add(new SpanDiff(row.path(), row.depth(), row.service(), row.name(),
                    typical ? Presence.BOTH : Presence.ONLY_B, null, span,
                    typical ? samples.medianDuration() : 0, row.durationB(),
                    typical ? samples.medianSelf() : 0, row.selfB(), List.of()));
        }
        for (Samples missing : missingByPath.values()) {
            if (missing.count() >= majority) {
                SpanDiff first = missing.first;
                rows.add(new SpanDiff(first.path(), first.depth(), first.service(), first.name(), Presence.ONLY_A,
                        null, null, missing.medianDuration(), 0, missing.medianSelf(), 0, List.of()));
            }
        }
        return new TraceDiff("typical (median of " + others.size() + " traces)", "B " + trace.traceId(), "",
                trace.traceId(), median(traceDurations, traceDurations.length), trace.durationNanos(), rows,
                others.size());
    }

    static long median(long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }

    /** The A-side durations of one aligned span across the other traces. */
    private static final class Samples {
        private final SpanDiff first;
        private long[] durations = new long[8];
        private long[] selfTimes = new long[8];
        private int count;

        Samples(SpanDiff first) {
            this.first = first;
        }

        void add(SpanDiff row) {
            if (count == durations.length) {
                durations = Arrays.copyOf(durations, count * 2);
                selfTimes = Arrays.copyOf(selfTimes, count * 2);
            }
            durations[count] = row.durationA();
            selfTimes[count] = row.selfA();
            count++;
        }

        int count() {
            return count;
        }

        long medianDuration() {
            return median(durations, count);
        }

        long medianSelf() {
            return median(selfTimes, count);
        }
    }
}
