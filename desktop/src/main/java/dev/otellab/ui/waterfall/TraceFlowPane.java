package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Trace;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * The trace's flow above the waterfall: "Calls: lab-browser → lab-web ×1 · lab-web → lab-backend
 * ×2 …", one link per hop (red when a call of it failed) that selects the hop's first span.
 * Hidden when the trace crosses no service boundary.
 */
final class TraceFlowPane extends FlowPane {
    private final WaterfallViewModel model;

    TraceFlowPane(WaterfallViewModel model) {
        super(4, 2);
        this.model = model;
        setId("trace-flow");
        getStyleClass().add("trace-flow");
        setAlignment(Pos.CENTER_LEFT);
        getStylesheets().add(TraceFlowPane.class.getResource("/dev/otellab/ui/map/map.css").toExternalForm());
        model.traceProperty().addListener((observable, was, is) -> show(is));
        show(model.traceProperty().get());
    }

    private void show(Trace trace) {
        getChildren().clear();
        TraceFlow flow = trace == null ? new TraceFlow(java.util.List.of()) : TraceFlow.of(trace);
        setVisible(!flow.hops().isEmpty());
        setManaged(isVisible());
        if (flow.hops().isEmpty()) {
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
