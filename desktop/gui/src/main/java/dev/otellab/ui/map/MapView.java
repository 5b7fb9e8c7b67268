package dev.otellab.ui.map;

import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.ui.common.BusyIndicator;
import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.TimeRangeFields;
import dev.otellab.presentation.TimeText;
import dev.otellab.ui.shell.ConsoleView;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.Map;

import static dev.otellab.ui.common.FormControls.error;

/**
 * The Map page: the range form, the service map (nodes by call depth, colored by SLO health;
 * edges with rate, errors and p95), and, after a click on an edge, the traces with that call.
 */
public final class MapView implements ConsoleView {
    public static final String STYLESHEET = "/dev/otellab/ui/map/map.css";

    private final MapViewModel model;
    private final ZoneId zone;
    private final BorderPane root = new BorderPane();
    private final MapGraph graph;
    private final ListView<TraceSummary> edgeTraces = new ListView<>();

    public MapView(MapViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        root.getStyleClass().add("map-view");
        root.setId("map-view");
        root.getStylesheets().add(MapView.class.getResource(STYLESHEET).toExternalForm());
        graph = new MapGraph(model::openNode, model::selectEdge);
        graph.setId("map-graph");
        root.setTop(form());
        ScrollPane scroll = new ScrollPane(graph);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        SplitPane split = new SplitPane(scroll, edgePane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
        root.setCenter(split);
        model.mapProperty().addListener((observable, was, is) -> redraw());
        model.selectedEdgeProperty().addListener((observable, was, is) -> redraw());
    }

    private void redraw() {
        graph.show(model.mapProperty().get(), model.layoutProperty().get(), model.healthProperty().get(),
                model.selectedEdgeProperty().get());
    }

    private Node form() {
        TimeRangeFields range = TimeRangeFields.create(model.timeRangeForm(), "map", "now", 12);
        Button apply = new Button("Apply");
        apply.setId("map-apply");
        apply.setDefaultButton(true);
        apply.disableProperty().bind(model.rangeErrorProperty().isNotEmpty());
        apply.setOnAction(event -> model.refresh());
        CheckBox autoRefresh = new CheckBox("Auto-refresh (5 s)");
        autoRefresh.setId("map-auto-refresh");
        autoRefresh.selectedProperty().bindBidirectional(model.autoRefreshProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        HBox busy = new HBox(6, spinner, new Label("Querying…"));
        busy.setAlignment(Pos.CENTER_LEFT);
        BusyIndicator.showWhileBusy(busy, model.runningProperty());
        Label summary = new Label();
        summary.setId("map-summary");
        summary.getStyleClass().add("result-summary");
        summary.textProperty().bind(model.summaryProperty());
        Label legend = new Label("Border: SLO health (green, amber, red) · dashed: user / browser · round: database"
                + " · dotted: uninstrumented peer. Click a service for its traces, a call for the traces with it.");
        legend.getStyleClass().add("map-legend");
        legend.setWrapText(true);
        FlowPane bar = new FlowPane(10, 6, new Label("Time range"), range.choice(), range.custom(), apply, autoRefresh, busy, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("map-error");
        message.getStyleClass().add("error-message");
        message.setWrapText(true);
        message.textProperty().bind(model.errorMessageProperty());
        message.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        VBox box = new VBox(4, bar, error(model.rangeErrorProperty(), "map-range-error", 400), legend, message);
        box.getStyleClass().add("view-header");
        return box;
    }

    private Node edgePane() {
        Label text = new Label("Click a call (an arrow or its numbers) to list the traces that make it.");
        text.setId("map-edge-text");
        text.setWrapText(true);
        model.edgeTextProperty().addListener((observable, was, is) -> text.setText(is.isEmpty()
                ? "Click a call (an arrow or its numbers) to list the traces that make it." : is));
        edgeTraces.setId("map-edge-traces");
        edgeTraces.setItems(model.edgeTraces());
        edgeTraces.setPlaceholder(new Label("No call selected"));
        edgeTraces.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(TraceSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : TimeText.time(item.startUnixNano(), zone) + "   "
                        + item.rootService() + " · " + item.rootName() + "   " + DurationText.format(item.durationNanos())
                        + "   " + plural(item.spanCount(), "span") + ", " + plural(item.services().size(), "service")
                        + (item.errorCount() > 0 ? ", " + plural(item.errorCount(), "error") : "") + "   " + item.traceId());
            }
        });
        edgeTraces.setOnMouseClicked(event -> model.openTrace(edgeTraces.getSelectionModel().getSelectedItem()));
        edgeTraces.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                model.openTrace(edgeTraces.getSelectionModel().getSelectedItem());
            }
        });
        VBox pane = new VBox(4, text, edgeTraces);
        VBox.setVgrow(edgeTraces, javafx.scene.layout.Priority.ALWAYS);
        pane.setPadding(new Insets(4, 0, 0, 0));
        return pane;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    public MapGraph graph() {
        return graph;
    }

    @Override
    public String title() {
        return "Map";
    }

    @Override
    public String glyph() {
        return "⌘";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT6, KeyCombination.SHORTCUT_DOWN);
    }

    @Override
    public void shown() {
        model.visibleProperty().set(true);
        model.refresh();
    }

    @Override
    public void hidden() {
        model.visibleProperty().set(false);
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    public boolean back() {
        if (model.selectedEdgeProperty().get() != null) {
            model.clearEdge();
            return true;
        }
        return false;
    }

    @Override
    public Map<String, String> saveState() {
        return model.saveState();
    }

    @Override
    public void restoreState(Map<String, String> state) {
        model.restoreState(state);
    }
}
