package dev.otellab.ui.waterfall;

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
}
