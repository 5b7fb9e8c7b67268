package dev.otellab.telemetry.model;

import java.util.List;

/**
 * A span in its trace's tree. {@code orphan} marks a span whose parent has not arrived (yet):
 * it is shown as a root rather than hidden.
 */
public record SpanNode(Span span, int depth, boolean orphan, List<SpanNode> children) {
    public SpanNode {
        children = List.copyOf(children);
    }

    /** Duration minus the union of the children's time inside this span. */
    public long selfTimeNanos() {
        long start = span.startUnixNano();
        long end = span.endUnixNano();
        long covered = 0;
        long cursor = start;
        List<SpanNode> byStart = children.stream()
                .sorted(java.util.Comparator.comparingLong(c -> c.span().startUnixNano()))
                .toList();
        for (SpanNode child : byStart) {
            long childStart = Math.max(child.span().startUnixNano(), cursor);
            long childEnd = Math.min(child.span().endUnixNano(), end);
            if (childEnd > childStart) {
                covered += childEnd - childStart;
                cursor = childEnd;
            }
        }
        return Math.max(0, span.durationNanos() - covered);
    }
}
