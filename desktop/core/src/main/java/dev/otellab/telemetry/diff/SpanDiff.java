package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.StatusCode;

import java.util.List;

/**
 * One row of a comparison: a span of A aligned with a span of B (or found in one only), with
 * both durations and self times (nanoseconds). {@code a} is null when the A side is not a real
 * span (only in B, or the typical trace's medians); {@code b} is null when only in A.
 */
public record SpanDiff(String path, int depth, String service, String name, Presence presence,
                       Span a, Span b, long durationA, long durationB, long selfA, long selfB,
                       List<AttributeChange> attributeChanges) {
    public SpanDiff {
        attributeChanges = List.copyOf(attributeChanges);
    }

    public long durationDelta() {
        return durationB - durationA;
    }

    public long selfDelta() {
        return selfB - selfA;
    }

    public StatusCode statusA() {
        return a == null ? null : a.status();
    }

    public StatusCode statusB() {
        return b == null ? null : b.status();
    }

    public boolean statusChanged() {
        return a != null && b != null && a.status() != b.status();
    }

    public boolean hasDifference() {
        return presence != Presence.BOTH || durationDelta() != 0 || selfDelta() != 0 || statusChanged()
                || !attributeChanges.isEmpty();
    }
}
