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
            roots.add(node(root, 0, false, childrenByParent, placed));
        }
        for (Span orphan : orphans) {
            roots.add(node(orphan, 0, true, childrenByParent, placed));
        }
        // Spans caught in a parent cycle are reachable from no root: show them as orphans.
        for (Span span : sortedSpans) {
            if (!placed.contains(span.spanId()) && byId.get(span.spanId()) == span) {
                roots.add(node(span, 0, true, childrenByParent, placed));
            }
        }
        return List.copyOf(roots);
    }

    private static SpanNode node(Span span, int depth, boolean orphan,
                                 Map<String, List<Span>> childrenByParent, Set<String> placed) {
        placed.add(span.spanId());
        List<SpanNode> children = new ArrayList<>();
        for (Span child : childrenByParent.getOrDefault(span.spanId(), List.of())) {
            if (!placed.contains(child.spanId())) {
                children.add(node(child, depth + 1, false, childrenByParent, placed));
            }
        }
        return new SpanNode(span, depth, orphan, children);
    }

    private static void collect(SpanNode node, List<SpanNode> into) {
        into.add(node);
        node.children().forEach(child -> collect(child, into));
    }
}
