package dev.otellab.telemetry.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The services of a time range and the calls between them: nodes sorted by id, edges by client
 * then server. Every edge's ends are nodes of the map.
 */
public record ServiceMap(long fromUnixNano, long toUnixNano, List<MapNode> nodes, List<MapEdge> edges) {

    public ServiceMap {
        nodes = nodes.stream().sorted(Comparator.comparing(MapNode::id)).toList();
        edges = edges.stream().sorted(Comparator.comparing(MapEdge::client).thenComparing(MapEdge::server)).toList();
        for (MapEdge edge : edges) {
            if (nodes.stream().noneMatch(node -> node.id().equals(edge.client()))
                    || nodes.stream().noneMatch(node -> node.id().equals(edge.server()))) {
                throw new IllegalArgumentException("The edge " + edge.client() + " -> " + edge.server()
                        + " joins a node missing from the map");
            }
        }
    }

    public static ServiceMap empty(long fromUnixNano, long toUnixNano) {
        return new ServiceMap(fromUnixNano, toUnixNano, List.of(), List.of());
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public Optional<MapNode> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    public Optional<MapEdge> edge(String client, String server) {
        return edges.stream().filter(edge -> edge.client().equals(client) && edge.server().equals(server)).findFirst();
    }
}
