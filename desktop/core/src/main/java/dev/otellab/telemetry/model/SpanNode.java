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

    // A record would compare and hash the whole subtree recursively, which overflows the stack
    // on very deep traces: a node is identified by its span and place instead.
    @Override
    public boolean equals(Object other) {
        return other instanceof SpanNode node && node.span.equals(span) && node.depth == depth && node.orphan == orphan;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(span, depth, orphan);
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
