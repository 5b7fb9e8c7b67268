package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Aligns two traces span by span. Siblings are matched by service and span name, whatever
 * their order; spans of the same service and name under one parent (repeated children, e.g. 3
 * vs 5 SQL calls) are paired in start order, the extra ones being "only in A/B". A matched
 * pair's children are aligned the same way, so a span is matched by service, name and position
 * in the tree. Iterative (traces can be thousands of levels deep).
 */
public final class TraceDiffer {
    private static final String PATH_SEPARATOR = " > ";
    private static final int MAX_PATH = 300;

    private TraceDiffer() {
    }

    public static TraceDiff diff(Trace a, Trace b) {
        return diff(a, b, "A " + a.traceId(), "B " + b.traceId());
    }

    public static TraceDiff diff(Trace a, Trace b, String labelA, String labelB) {
        List<SpanDiff> rows = new ArrayList<>(Math.max(a.spans().size(), b.spans().size()));
        Offsets offsets = new Offsets(a.startUnixNano(), b.startUnixNano());
        // Work items: siblings to align (pair == null) or one aligned pair to emit, then its children.
        Deque<Work> stack = new ArrayDeque<>();
        stack.push(new Work(a.roots(), b.roots(), null, "", 0));
        while (!stack.isEmpty()) {
            Work work = stack.pop();
            if (work.pair == null) {
                List<Pair> pairs = align(work.as, work.bs, offsets);
                for (int i = pairs.size() - 1; i >= 0; i--) {
                    stack.push(new Work(List.of(), List.of(), pairs.get(i), work.path, work.depth));
                }
                continue;
            }
            Pair pair = work.pair;
            String path = path(work.path, pair.label);
            rows.add(row(pair, path, work.depth));
            List<SpanNode> childrenA = pair.a == null ? List.of() : pair.a.children();
            List<SpanNode> childrenB = pair.b == null ? List.of() : pair.b.children();
            if (!childrenA.isEmpty() || !childrenB.isEmpty()) {
                stack.push(new Work(childrenA, childrenB, null, path, work.depth + 1));
            }
        }
        return new TraceDiff(labelA, labelB, a.traceId(), b.traceId(), a.durationNanos(), b.durationNanos(), rows, 0);
    }

    /** The parent's path and this span's label; very deep paths keep their end (the part that tells). */
    private static String path(String parent, String label) {
        String path = parent.isEmpty() ? label : parent + PATH_SEPARATOR + label;
        return path.length() <= MAX_PATH ? path : "…" + path.substring(path.length() - MAX_PATH + 1);
    }

    private static SpanDiff row(Pair pair, String path, int depth) {
        Span a = pair.a == null ? null : pair.a.span();
        Span b = pair.b == null ? null : pair.b.span();
        Span any = b != null ? b : a;
        Presence presence = a == null ? Presence.ONLY_B : b == null ? Presence.ONLY_A : Presence.BOTH;
        return new SpanDiff(path, depth, any.serviceName(), any.name(), presence, a, b,
                a == null ? 0 : a.durationNanos(), b == null ? 0 : b.durationNanos(),
                pair.a == null ? 0 : pair.a.selfTimeNanos(), pair.b == null ? 0 : pair.b.selfTimeNanos(),
                a == null || b == null ? List.of() : attributeChanges(a.attributes(), b.attributes()));
    }

    /** Pairs siblings by (service, name), the n-th of A with the n-th of B, ordered by where they start. */
    private static List<Pair> align(List<SpanNode> as, List<SpanNode> bs, Offsets offsets) {
        Map<String, List<SpanNode>> aByKey = byKey(as);
        Map<String, List<SpanNode>> bByKey = byKey(bs);
        Set<String> keys = new LinkedHashSet<>(bByKey.keySet());
        keys.addAll(aByKey.keySet());
        List<Pair> pairs = new ArrayList<>(Math.max(as.size(), bs.size()));
        for (String key : keys) {
            List<SpanNode> aNodes = aByKey.getOrDefault(key, List.of());
            List<SpanNode> bNodes = bByKey.getOrDefault(key, List.of());
            int count = Math.max(aNodes.size(), bNodes.size());
            for (int i = 0; i < count; i++) {
                SpanNode a = i < aNodes.size() ? aNodes.get(i) : null;
                SpanNode b = i < bNodes.size() ? bNodes.get(i) : null;
                String name = (b != null ? b : a).span().name();
                long offset = b != null ? b.span().startUnixNano() - offsets.b : a.span().startUnixNano() - offsets.a;
                pairs.add(new Pair(a, b, count > 1 ? name + " #" + (i + 1) : name, offset));
            }
        }
        pairs.sort(Comparator.comparingLong(pair -> pair.offset));
        return pairs;
    }

    private static Map<String, List<SpanNode>> byKey(List<SpanNode> nodes) {
        Map<String, List<SpanNode>> byKey = new LinkedHashMap<>();
        List<SpanNode> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingLong((SpanNode node) -> node.span().startUnixNano())
                .thenComparing(node -> node.span().spanId()));
        for (SpanNode node : sorted) {
            byKey.computeIfAbsent(node.span().serviceName() + '\u0000' + node.span().name(), k -> new ArrayList<>())
                    .add(node);
        }
        return byKey;
    }

    static List<AttributeChange> attributeChanges(Map<String, Object> a, Map<String, Object> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return List.of();
        }
        List<AttributeChange> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            String valueA = a.containsKey(key) ? Attributes.asText(a.get(key)) : null;
            String valueB = b.containsKey(key) ? Attributes.asText(b.get(key)) : null;
            if (!Objects.equals(valueA, valueB)) {
                changes.add(new AttributeChange(key, valueA, valueB));
            }
        }
        return changes;
    }

    private record Offsets(long a, long b) {
    }

    private record Pair(SpanNode a, SpanNode b, String label, long offset) {
    }

    private record Work(List<SpanNode> as, List<SpanNode> bs, Pair pair, String path, int depth) {
    }
}
