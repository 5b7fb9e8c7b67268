package dev.otellab.telemetry.map;

import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceCall;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.SliCalculator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up calls into a service map: per edge the count, the failures, the exact nearest-rank
 * 95th percentile of the latencies and the mean rate over the range; per node the calls it
 * served (or made, when nothing called it). Not thread-safe: one builder per query.
 */
public final class ServiceMapBuilder {
    private final Map<List<String>, EdgeTally> edges = new LinkedHashMap<>();
    private final Map<String, NodeKind> kinds = new HashMap<>();

    public ServiceMapBuilder add(ServiceCall call) {
        kind(call.client(), call.clientKind());
        kind(call.server(), call.serverKind());
        edges.computeIfAbsent(List.of(call.client(), call.server()), key -> new EdgeTally()).add(call);
        return this;
    }

    public ServiceMapBuilder addAll(List<ServiceCall> calls) {
        calls.forEach(this::add);
        return this;
    }

    public ServiceMap build(TimeRange range) {
        double seconds = Math.max(1e-9, range.length().toNanos() / 1e9);
        List<MapEdge> built = new ArrayList<>();
        edges.forEach((key, tally) -> built.add(new MapEdge(key.get(0), key.get(1), tally.count, tally.errors,
                tally.p95Millis(), tally.count / seconds)));
        return new ServiceMap(range.fromUnixNano(), range.toUnixNano(), nodes(kinds, built), built);
    }

    /** Nodes of {@code edges}: what each served, or made when nothing called it. */
    public static List<MapNode> nodes(Map<String, NodeKind> kinds, List<MapEdge> edges) {
        Map<String, long[]> served = new HashMap<>();
        Map<String, long[]> made = new HashMap<>();
        for (MapEdge edge : edges) {
            add(served, edge.server(), edge);
            add(made, edge.client(), edge);
        }
        List<MapNode> nodes = new ArrayList<>();
        kinds.forEach((id, kind) -> {
            long[] counts = served.getOrDefault(id, made.getOrDefault(id, new long[2]));
            nodes.add(new MapNode(id, kind, counts[0], counts[1]));
        });
        return nodes;
    }

    private static void add(Map<String, long[]> totals, String node, MapEdge edge) {
        long[] counts = totals.computeIfAbsent(node, id -> new long[2]);
        counts[0] += edge.requests();
        counts[1] += edge.errors();
    }

    private void kind(String node, NodeKind kind) {
        // a service seen once as the browser is the browser
        kinds.merge(node, kind, (was, is) -> was == NodeKind.SERVICE ? is : was);
    }

    private static final class EdgeTally {
        private long count;
        private long errors;
        private long[] latencies = new long[16];

        void add(ServiceCall call) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) count] = call.latencyNanos();
            count++;
            if (call.failed()) {
                errors++;
            }
        }

        double p95Millis() {
            long[] sorted = Arrays.copyOf(latencies, (int) count);
            Arrays.sort(sorted);
            return SliCalculator.nearestRank(sorted, 95) / 1e6;
        }
    }
}
