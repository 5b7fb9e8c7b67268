package dev.otellab.ui.map;

import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.model.SloHealth;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Draws a service map: a box per node (colored by its kind and SLO health) placed by
 * {@link MapLayout}, and a curve with an arrow per call, labelled with rate, errors and p95.
 * Positions follow the pane's size, so the map fills the view at any window size.
 */
final class MapGraph extends Pane {
    static final double NODE_WIDTH = 150;
    static final double NODE_HEIGHT = 52;
    static final double MIN_COLUMN = 190;
    static final double MIN_ROW = 110;

    private final Consumer<MapNode> onNode;
    private final Consumer<MapEdge> onEdge;
    private final Map<String, VBox> boxes = new LinkedHashMap<>();
    private final List<EdgeShape> edgeShapes = new ArrayList<>();
    private MapLayout layout = MapLayout.EMPTY;

    private record EdgeShape(MapEdge edge, CubicCurve hit, CubicCurve curve, Polygon arrow, Label label) {
    }

    MapGraph(Consumer<MapNode> onNode, Consumer<MapEdge> onEdge) {
        this.onNode = onNode;
        this.onEdge = onEdge;
        getStyleClass().add("map-graph");
    }

    void show(ServiceMap map, MapLayout newLayout, Map<String, SloHealth> health, MapEdge selected) {
        layout = newLayout;
        getChildren().clear();
        boxes.clear();
        edgeShapes.clear();
        if (map == null) {
            return;
        }
        for (MapEdge edge : map.edges()) {
            CubicCurve hit = new CubicCurve();
            hit.getStyleClass().add("map-edge-hit");
            CubicCurve curve = new CubicCurve();
            curve.getStyleClass().add("map-edge");
            if (edge.errors() > 0) {
                curve.getStyleClass().add("map-edge-failing");
            }
            Polygon arrow = new Polygon();
            arrow.getStyleClass().add("map-edge-arrow");
            Label label = new Label(MapViewModel.edgeLabel(edge).replace(" · ", "\n"));
            label.setId("map-edge-" + edge.client() + "-" + edge.server());
            label.getStyleClass().add("map-edge-label");
            if (edge.equals(selected) || (selected != null && selected.client().equals(edge.client())
                    && selected.server().equals(edge.server()))) {
                curve.getStyleClass().add("map-edge-selected");
                label.getStyleClass().add("map-edge-label-selected");
            }
            label.setTooltip(new Tooltip(edge.client() + " → " + edge.server() + ": " + edge.requests() + " calls, "
                    + edge.errors() + " failed. Click for the traces with this call."));
            for (javafx.scene.Node part : List.of(hit, curve, label)) {
                part.setCursor(Cursor.HAND);
                part.setOnMouseClicked(event -> onEdge.accept(edge));
            }
            edgeShapes.add(new EdgeShape(edge, hit, curve, arrow, label));
            getChildren().addAll(hit, curve, arrow);
        }
        for (MapNode node : map.nodes()) {
            VBox box = box(node, health.getOrDefault(node.id(), SloHealth.NO_DATA));
            boxes.put(node.id(), box);
            getChildren().add(box);
        }
        edgeShapes.forEach(shape -> getChildren().add(shape.label()));
        requestLayout();
    }

    private VBox box(MapNode node, SloHealth health) {
        Label name = new Label(glyph(node.kind()) + " " + node.id());
        name.getStyleClass().add("map-node-name");
        Label counts = new Label(node.requests() + " req" + (node.errors() > 0 ? " · " + node.errors() + " err" : "")
                + (node.kind() == NodeKind.SERVICE ? "" : " · " + node.kind().jsonName()));
        counts.getStyleClass().add("map-node-counts");
        VBox box = new VBox(2, name, counts);
        box.setId("map-node-" + node.id());
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().addAll("map-node", "map-node-" + node.kind().jsonName());
        if (node.kind() == NodeKind.SERVICE) {
            box.getStyleClass().add("map-health-" + health.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String what = MapViewModel.hasTraces(node) ? " Click for its traces." : "";
        Tooltip.install(box, new Tooltip(node.id() + " (" + node.kind().jsonName() + ")"
                + (node.kind() == NodeKind.SERVICE ? ", SLO health " + health : "") + what));
        if (MapViewModel.hasTraces(node)) {
            box.setCursor(Cursor.HAND);
        }
        box.setOnMouseClicked(event -> onNode.accept(node));
        return box;
    }

    private static String glyph(NodeKind kind) {
        return switch (kind) {
            case USER -> "☺";
            case BROWSER -> "▭";
            case SERVICE -> "⚙";
            case DATABASE -> "⛁";
            case PEER -> "☁";
        };
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(1, layout.columns()) * MIN_COLUMN;
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(1, layout.rows()) * MIN_ROW;
    }

    @Override
    protected void layoutChildren() {
        double width = Math.max(getWidth(), computePrefWidth(-1));
        double height = Math.max(getHeight(), computePrefHeight(-1));
        double column = width / Math.max(1, layout.columns());
        Map<String, double[]> centers = new LinkedHashMap<>();
        List<Bounds> nodeBounds = new ArrayList<>();
        boxes.forEach((id, box) -> {
            MapLayout.Cell cell = layout.cells().get(id);
            double row = height / Math.max(1, layout.rowsIn(cell.column()));
            double x = column * (cell.column() + 0.5);
            double y = row * (cell.row() + 0.5);
            // as wide as the name needs (a long service name is not cut), never wider than its column allows
            double nodeWidth = Math.min(Math.max(NODE_WIDTH, box.prefWidth(-1)), Math.max(NODE_WIDTH, column - 24));
            centers.put(id, new double[] {x, y, nodeWidth / 2});
            box.resizeRelocate(x - nodeWidth / 2, y - NODE_HEIGHT / 2, nodeWidth, NODE_HEIGHT);
            nodeBounds.add(new BoundingBox(x - nodeWidth / 2, y - NODE_HEIGHT / 2, nodeWidth, NODE_HEIGHT));
        });
        for (EdgeShape shape : edgeShapes) {
            double[] from = centers.get(shape.edge().client());
            double[] to = centers.get(shape.edge().server());
            place(shape, from, to, nodeBounds);
        }
    }

    /** Right side of the caller to the left side of the callee; a call back or within a column bends around. */
    private static void place(EdgeShape shape, double[] from, double[] to, List<Bounds> nodeBounds) {
        double startX = from[0] + from[2];
        double endX = to[0] - to[2];
        double startY = from[1];
        double endY = to[1];
        double bend = Math.max(40, Math.abs(endX - startX) / 2);
        boolean forward = endX > startX;
        double control1Y = startY;
        double control2Y = endY;
        if (!forward) {
            control1Y = startY - NODE_HEIGHT * 1.5;
            control2Y = endY - NODE_HEIGHT * 1.5;
        }
        for (CubicCurve curve : List.of(shape.hit(), shape.curve())) {
            curve.setStartX(startX);
            curve.setStartY(startY);
            curve.setControlX1(startX + bend);
            curve.setControlY1(control1Y);
            curve.setControlX2(endX - bend);
            curve.setControlY2(control2Y);
            curve.setEndX(endX);
            curve.setEndY(endY);
        }
        shape.arrow().getPoints().setAll(endX, endY, endX - 9, endY - 5, endX - 9, endY + 5);
        Label label = shape.label();
        label.autosize();
        // the curve's midpoint (t = 0.5)
        double midX = 0.125 * startX + 0.375 * (startX + bend) + 0.375 * (endX - bend) + 0.125 * endX;
        double midY = 0.125 * startY + 0.375 * control1Y + 0.375 * control2Y + 0.125 * endY;
        label.relocate(midX - label.getWidth() / 2, clearOfNodes(midX, midY, label, nodeBounds));
    }

    /**
     * The label's top: centred on the curve, unless that covers a node (a call that skips a column
     * passes behind the nodes there); then just above that node, or below it when above is taken too.
     */
    private static double clearOfNodes(double centerX, double centerY, Label label, List<Bounds> nodeBounds) {
        double w = label.getWidth();
        double h = label.getHeight();
        double top = centerY - h / 2;
        for (Bounds node : nodeBounds) {
            if (node.intersects(centerX - w / 2, top, w, h)) {
                double above = node.getMinY() - h - 4;
                boolean aboveTaken = nodeBounds.stream().anyMatch(other -> other.intersects(centerX - w / 2, above, w, h));
                return aboveTaken || above < 0 ? node.getMaxY() + 4 : above;
            }
        }
        return top;
    }
}
