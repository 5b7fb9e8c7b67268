package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spans that decide how long a trace takes. From the root: the child that ends last
 * determines the parent's end, so it is on the path; before that child started, the child that
 * ends last before that moment is on the path too, and so on back to the parent's start; each
 * chosen child is followed the same way, bounded by the moment its successor took over. A
 * child that ends after its parent counts as ending with it.
 */
public final class CriticalPath {
    private static final Comparator<SpanNode> BY_END_DESCENDING =
            Comparator.comparingLong((SpanNode node) -> node.span().endUnixNano()).reversed()
                    .thenComparing(node -> node.span().spanId());

    private CriticalPath() {
    }

    /** The span ids on the critical path of the trace's root (its first root: orphans do not count). */
    public static Set<String> of(Trace trace) {
        return of(trace.roots().get(0));
    }

    /** The span ids on the critical path under {@code root}, root first. */
    public static Set<String> of(SpanNode root) {
        Set<String> path = new LinkedHashSet<>();
        // Iterative, so a very deep trace cannot overflow the stack.
        List<Step> pending = new ArrayList<>();
        pending.add(new Step(root, root.span().endUnixNano()));
        while (!pending.isEmpty()) {
            Step step = pending.remove(pending.size() - 1);
            SpanNode node = step.node();
            path.add(node.span().spanId());
            long cursor = Math.min(node.span().endUnixNano(), step.endBound());
            List<SpanNode> byEnd = new ArrayList<>(node.children());
            byEnd.sort(BY_END_DESCENDING);
            for (SpanNode child : byEnd) {
                if (child.span().startUnixNano() < cursor) {
                    pending.add(new Step(child, cursor));
                    cursor = child.span().startUnixNano();
                }
            }
        }
        return path;
    }

    private record Step(SpanNode node, long endBound) {
    }
}
