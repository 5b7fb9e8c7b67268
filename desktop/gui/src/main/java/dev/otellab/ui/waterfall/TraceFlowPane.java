package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Trace;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The trace's flow above the waterfall: "Calls: lab-browser → lab-web ×1 · lab-web → lab-backend
 * ×2 …", one link per hop (red when a call of it failed) that selects the hop's first span.
 * Its height never changes with the trace.
 */
final class TraceFlowPane extends HBox {
    private final WaterfallViewModel model;

    TraceFlowPane(WaterfallViewModel model) {
        super(4);
        // One fixed height, whatever the trace: the waterfall's list below keeps its size. (With
        // the list exactly a whole number of rows tall, JavaFX's VirtualFlow does not make the
        // cell of the last row after scrollTo(last); 22 px keeps the old list height off that.)
        setMinHeight(22);
        setPrefHeight(22);
        setMaxHeight(22);
        this.model = model;
        setId("trace-flow");
        getStyleClass().add("trace-flow");
        setAlignment(Pos.CENTER_LEFT);
        model.traceProperty().addListener((observable, was, is) -> show(is));
        show(model.traceProperty().get());
    }

    private void show(Trace trace) {
        getChildren().clear();
        TraceFlow flow = trace == null ? new TraceFlow(java.util.List.of()) : TraceFlow.of(trace);
        if (flow.hops().isEmpty()) {
            Label none = new Label(trace == null ? "" : "No calls between services in this trace");
            none.getStyleClass().add("trace-facts");
            getChildren().add(none);
            return;
        }
        Label caption = new Label("Calls (" + flow.nodes().size() + " nodes):");
        caption.getStyleClass().add("trace-facts");
        getChildren().add(caption);
        for (TraceFlow.Hop hop : flow.hops()) {
            Hyperlink link = new Hyperlink(hop.client() + " → " + hop.server() + (hop.calls() > 1 ? " ×" + hop.calls() : ""));
            link.setId("trace-flow-" + hop.client() + "-" + hop.server());
            link.getStyleClass().add("trace-flow-hop");
            if (hop.failed() > 0) {
                link.getStyleClass().add("trace-flow-hop-failed");
            }
            link.setTooltip(new Tooltip(hop.calls() + " call(s) from " + hop.client() + " (" + hop.clientKind().jsonName()
                    + ") to " + hop.server() + " (" + hop.serverKind().jsonName() + ")"
                    + (hop.failed() > 0 ? ", " + hop.failed() + " failed" : "") + ". Click to select the first."));
            link.setOnAction(event -> {
                model.selectSpan(hop.firstSpanId());
                link.setVisited(false);
            });
            getChildren().add(link);
        }
    }
}
