package dev.otellab.telemetry.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All spans known for one trace id, arranged as a tree. Spans whose parent is missing become
 * additional roots (marked orphan) so a trace still shows while its spans arrive.
 */
public final class Trace {
    private static final Comparator<Span> BY_START =
            Comparator.comparingLong(Span::startUnixNano).thenComparing(Span::spanId);

    private final String traceId;
    private final List<Span> spans;
    private final List<SpanNode> roots;
    private final List<SpanNode> depthFirst;

    public Trace(String traceId, List<Span> spans) {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a trace has at least one span");
        }
        this.traceId = traceId;
        this.spans = spans.stream().sorted(BY_START).toList();
        this.roots = buildTree(this.spans);
        List<SpanNode> flat = new ArrayList<>(this.spans.size());
        roots.forEach(root -> collect(root, flat));
        this.depthFirst = List.copyOf(flat);
    }

    public String traceId() {
        return traceId;
    }

    /** The trace id as a value, for the query ports. */
    public TraceId id() {
        return new TraceId(traceId);
    }

    /** Spans by start time. */
    public List<Span> spans() {
        return spans;
    }

    /** True roots first, then orphans; each group by start time. */
    public List<SpanNode> roots() {
        return roots;
    }

    /** Every node in waterfall order: parent before children, siblings by start time. */
    public List<SpanNode> depthFirst() {
        return depthFirst;
    }

    /** The trace's entry span: the earliest true root, else the earliest span. */
    public Span rootSpan() {
        return roots.get(0).span();
    }

    public long startUnixNano() {
        return spans.get(0).startUnixNano();
    }

    public long endUnixNano() {
        long end = Long.MIN_VALUE;
        for (Span span : spans) {
            end = Math.max(end, span.endUnixNano());
        }
        return end;
    }

    public long durationNanos() {
        return Math.max(0, endUnixNano() - startUnixNano());
    }

    public int errorCount() {
        int errors = 0;
        for (Span span : spans) {
            if (span.isError()) {
                errors++;
            }
        }
        return errors;
    }

    /** Service names in order of first appearance. */
    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>();
        spans.forEach(span -> services.add(span.serviceName()));
        return services;
    }

    public TraceSummary summary() {
        Span root = rootSpan();
        return new TraceSummary(traceId, root.serviceName(), root.name(), startUnixNano(),
                durationNanos(), spans.size(), errorCount(), services());
    }

    private static List<SpanNode> buildTree(List<Span> sortedSpans) {
        Map<String, Span> byId = new HashMap<>();
        Map<String, List<Span>> childrenByParent = new HashMap<>();
        for (Span span : sortedSpans) {
            byId.putIfAbsent(span.spanId(), span);
        }
        List<Span> trueRoots = new ArrayList<>();
        List<Span> orphans = new ArrayList<>();
        for (Span span : sortedSpans) {
            if (byId.get(span.spanId()) != span) {
                continue; // a duplicate span id: the first one wins
            }
            if (span.isRoot()) {
                trueRoots.add(span);
            } else if (!byId.containsKey(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                orphans.add(span);
            } else {
                childrenByParent.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            }
        }
        List<SpanNode> roots = new ArrayList<>();
        Set<String> placed = new java.util.HashSet<>();
        for (Span root : trueRoots) {
            roots.add(subtree(root, false, childrenByParent, placed));
        }
        for (Span orphan : orphans) {
            roots.add(subtree(orphan, true, childrenByParent, placed));
        }
        // Spans caught in a parent cycle are reachable from no root: show them as orphans.
        for (Span span : sortedSpans) {
            if (!placed.contains(span.spanId()) && byId.get(span.spanId()) == span) {
                roots.add(subtree(span, true, childrenByParent, placed));
            }
        }
        return List.copyOf(roots);
    }

    /**
     * The tree under {@code top}, built without recursion: traces can be thousands of levels
     * deep (a recursive walk would overflow the stack).
     */
    private static SpanNode subtree(Span top, boolean orphan, Map<String, List<Span>> childrenByParent,
                                    Set<String> placed) {
        List<Span> preorder = new ArrayList<>();
        Map<String, Integer> depths = new HashMap<>();
        Map<String, List<Span>> placedChildren = new HashMap<>();
        java.util.Deque<Span> stack = new java.util.ArrayDeque<>();
        placed.add(top.spanId());
        depths.put(top.spanId(), 0);
        stack.push(top);
        while (!stack.isEmpty()) {
            Span span = stack.pop();
            preorder.add(span);
            List<Span> children = new ArrayList<>();
            for (Span child : childrenByParent.getOrDefault(span.spanId(), List.of())) {
                if (placed.add(child.spanId())) {
                    children.add(child);
                    depths.put(child.spanId(), depths.get(span.spanId()) + 1);
                }
            }
            placedChildren.put(span.spanId(), children);
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        Map<String, SpanNode> nodes = new HashMap<>();
        for (int i = preorder.size() - 1; i >= 0; i--) {
            Span span = preorder.get(i);
            List<SpanNode> children = new ArrayList<>();
            for (Span child : placedChildren.get(span.spanId())) {
                children.add(nodes.get(child.spanId()));
            }
            nodes.put(span.spanId(), new SpanNode(span, depths.get(span.spanId()), orphan && span == top, children));
        }
        return nodes.get(top.spanId());
    }

    private static void collect(SpanNode root, List<SpanNode> into) {
        java.util.Deque<SpanNode> stack = new java.util.ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            SpanNode node = stack.pop();
            into.add(node);
            List<SpanNode> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
    }
}
