package dev.otellab.ui.waterfall;

import dev.otellab.presentation.BarGeometry;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanNode;

/**
 * One visible line of the waterfall: the span, its place in the tree, whether its children
 * show, whether it is on the critical path or matches the search, its bar and its self time.
 */
public record WaterfallRow(
        SpanNode node,
        boolean hasChildren,
        boolean expanded,
        boolean onCriticalPath,
        boolean match,
        BarGeometry bar,
        long selfTimeNanos) {

    public Span span() {
        return node.span();
    }

    public int depth() {
        return node.depth();
    }

    /**
     * Rows are equal when they show the same node the same way. The node is compared by
     * identity: the records' generated equality would compare whole subtrees, and the list
     * compares rows often (selection, cell reuse).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof WaterfallRow row && row.node == node && row.hasChildren == hasChildren
                && row.expanded == expanded && row.onCriticalPath == onCriticalPath && row.match == match
                && row.selfTimeNanos == selfTimeNanos && row.bar.equals(bar);
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(node) + (expanded ? 1 : 0) + (match ? 2 : 0);
    }
}
