package dev.otellab.ui.map;

import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a map goes, left to right by call depth: the user and the browser (and any
 * node nobody calls) in column 0, each called node one column right of its deepest caller, and
 * the databases and peers in the last column. Within a column, nodes are in id order. Cycles
 * are cut: a node's depth stops growing after as many rounds as there are nodes.
 */
public record MapLayout(Map<String, Cell> cells, int columns, int rows) {

    /** A node's column and row. */
    public record Cell(int column, int row) {
    }

    public static final MapLayout EMPTY = new MapLayout(Map.of(), 0, 0);

    public static MapLayout of(ServiceMap map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        Map<String, Integer> depth = new HashMap<>();
        map.nodes().forEach(node -> depth.put(node.id(), 0));
        for (int round = 0; round < map.nodes().size(); round++) {
            boolean changed = false;
            for (MapEdge edge : map.edges()) {
                int next = depth.get(edge.client()) + 1;
                if (!edge.client().equals(edge.server()) && next > depth.get(edge.server())) {
                    depth.put(edge.server(), next);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int lastService = 0;
        for (MapNode node : map.nodes()) {
            if (!isLeafKind(node.kind())) {
                lastService = Math.max(lastService, depth.get(node.id()));
            }
        }
        for (MapNode node : map.nodes()) {
            if (isLeafKind(node.kind())) {
                depth.put(node.id(), lastService + 1);
            } else if (node.kind() == NodeKind.USER || node.kind() == NodeKind.BROWSER) {
                depth.put(node.id(), Math.min(depth.get(node.id()), 0));
            }
        }
        Map<Integer, List<MapNode>> byColumn = new HashMap<>();
        map.nodes().forEach(node -> byColumn.computeIfAbsent(depth.get(node.id()), column -> new ArrayList<>()).add(node));
        List<Integer> used = byColumn.keySet().stream().sorted().toList();
        Map<String, Cell> cells = new HashMap<>();
        int rows = 0;
        for (int column = 0; column < used.size(); column++) {
            List<MapNode> nodes = byColumn.get(used.get(column));
            nodes.sort(Comparator.comparing((MapNode node) -> node.kind().ordinal()).thenComparing(MapNode::id));
            for (int row = 0; row < nodes.size(); row++) {
                cells.put(nodes.get(row).id(), new Cell(column, row));
            }
            rows = Math.max(rows, nodes.size());
        }
        return new MapLayout(Map.copyOf(cells), used.size(), rows);
    }

    private static boolean isLeafKind(NodeKind kind) {
        return kind == NodeKind.DATABASE || kind == NodeKind.PEER;
    }

    /** How many nodes share a node's column. */
    public int rowsIn(int column) {
        return (int) cells.values().stream().filter(cell -> cell.column() == column).count();
    }
}
