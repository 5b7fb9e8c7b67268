package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.BusyIndicator;
import dev.otellab.ui.common.GrafanaOpener;
import dev.otellab.presentation.DurationText;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The trace view: a header with the trace's numbers and the in-trace search, the waterfall
 * (a virtualized list: cells exist only for the visible rows), and the span details pane.
 */
public final class WaterfallView extends BorderPane {
    public static final double DEFAULT_NAME_COLUMN_WIDTH = 400;
    private static final double SCROLL_BAR_ALLOWANCE = 14;
    /** The width of the trace view (without the side bar) of a window about 1280 px wide. */
    private static final double NARROW = 1100;

    private final WaterfallViewModel model;
    private final DoubleProperty nameColumnWidth = new SimpleDoubleProperty(DEFAULT_NAME_COLUMN_WIDTH);
    private final ListView<WaterfallRow> list = new ListView<>();
    private final TextField search = new TextField();
    private final Label title = new Label();
    private final Label facts = new Label();
    private final TimeRuler ruler = new TimeRuler(nameColumnWidth, SCROLL_BAR_ALLOWANCE);
    private boolean selecting;

    private final HBox top;
    private final Button back = new Button("← Results");
    private final ToolBar tools = new ToolBar();

    /** Adds "Open in Grafana" (this trace in Explore, Tempo), shown while the lab's mode has a Grafana. */
    public void offerGrafana(GrafanaOpener grafana) {
        Button open = new Button("Open in Grafana");
        open.setId("trace-open-grafana");
        open.setTooltip(new javafx.scene.control.Tooltip("This trace in Grafana's Explore (Tempo)"));
        open.visibleProperty().bind(grafana.availableProperty().and(model.traceProperty().isNotNull()));
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(event -> {
            Trace trace = model.traceProperty().get();
            long margin = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
            grafana.open(grafana.traceLink(trace.id(),
                    new TimeRange(trace.startUnixNano() - margin, trace.endUnixNano() + margin)));
        });
        open.setMinWidth(Region.USE_PREF_SIZE);
        top.getChildren().add(open); // in the header, like the trace's name: it is about the whole trace
    }

    /**
     * Adds controls acting on the shown trace (e.g. Export…, Compare with…) to the trace's
     * toolbar. Those that do not fit a narrow window move into the toolbar's overflow menu (»),
     * so every one keeps its readable label.
     */
    public void addTraceActions(javafx.scene.Node... actions) {
        for (javafx.scene.Node action : actions) {
            if (action instanceof Region region) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
            tools.getItems().add(action);
        }
    }

    public WaterfallView(WaterfallViewModel model, Runnable onBack, Consumer<String> notifier) {
        this.model = model;
        getStyleClass().add("waterfall-view");
        setId("waterfall-view");

        back.setId("back-to-results");
        back.setMinWidth(Region.USE_PREF_SIZE);
        back.setOnAction(event -> onBack.run());
        title.getStyleClass().add("trace-title");
        title.setId("trace-title");
        facts.getStyleClass().add("trace-facts");
        facts.setId("trace-facts");
        VBox heading = new VBox(2, title, facts);
        HBox.setHgrow(heading, Priority.ALWAYS);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(20, 20);
        Label loadingText = new Label("Loading trace…");
        HBox busy = new HBox(6, loading, loadingText);
        busy.setAlignment(Pos.CENTER_LEFT);
        BusyIndicator.showWhileBusy(busy, model.loadingProperty());
        HBox top = new HBox(12, back, heading, busy);
        this.top = top;
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("view-header");

        search.setPromptText("Find in trace (name, service, attribute, span id)");
        search.setId("trace-find");
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(model.searchProperty());
        Label matches = new Label();
        matches.getStyleClass().add("match-count");
        matches.textProperty().bind(Bindings.createStringBinding(
                () -> model.searchProperty().get().isBlank() ? "" : model.matchCountProperty().get() + " matching",
                model.searchProperty(), model.matchCountProperty()));
        CheckBox onlyMatching = new CheckBox("Only matching");
        onlyMatching.selectedProperty().bindBidirectional(model.onlyMatchingProperty());
        Button expandAll = new Button("Expand all");
        expandAll.setOnAction(event -> model.expandAll());
        Button collapseAll = new Button("Collapse all");
        collapseAll.setOnAction(event -> model.collapseAll());
        Label legend = new Label("━ critical path");
        legend.getStyleClass().add("critical-legend");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        legend.setMinWidth(Region.USE_PREF_SIZE);
        tools.getItems().addAll(search, matches, onlyMatching, gap, legend, expandAll, collapseAll);
        tools.getStyleClass().add("waterfall-tools");

        Label error = new Label();
        error.getStyleClass().add("error-message");
        error.setId("waterfall-error");
        error.setWrapText(true);
        error.textProperty().bind(model.errorMessageProperty());
        error.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        setTop(new VBox(8, top, new TraceFlowPane(model), tools, error));
        BorderPane.setMargin(getTop(), new Insets(0, 0, 6, 0));

        list.setId("waterfall-rows");
        list.getStyleClass().add("waterfall-rows");
        list.setItems(model.rows());
        list.setFixedCellSize(SpanRowCell.ROW_HEIGHT);
        list.setCellFactory(view -> new SpanRowCell(nameColumnWidth, model::toggle));
        list.setPlaceholder(new Label("No spans to show"));
        list.getSelectionModel().selectedItemProperty().addListener((observable, was, is) -> {
            if (!selecting && is != null) {
                model.selectedProperty().set(is);
            }
        });
        model.selectedProperty().addListener((observable, was, is) -> selectInList(is));
        list.setOnKeyPressed(event -> {
            WaterfallRow row = list.getSelectionModel().getSelectedItem();
            if (row == null) {
                return;
            }
            if (event.getCode() == KeyCode.LEFT) {
                model.setExpanded(row, false);
                event.consume();
            } else if (event.getCode() == KeyCode.RIGHT) {
                model.setExpanded(row, true);
                event.consume();
            }
        });
        VBox waterfall = new VBox(ruler, list);
        waterfall.getStyleClass().add("waterfall");
        VBox.setVgrow(list, Priority.ALWAYS);

        SpanDetailsPane details = new SpanDetailsPane(model, notifier);
        SplitPane split = new SplitPane(waterfall, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(details, false);
        // in a window narrower than ~1280 px the details never take more than half the width
        details.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> split.getWidth() < NARROW ? split.getWidth() / 2 : Double.MAX_VALUE, split.widthProperty()));
        setCenter(split);

        model.traceProperty().addListener((observable, was, is) -> showTrace(is));
        showTrace(model.traceProperty().get());
        // Give the name column about a third of the waterfall, within limits.
        waterfall.widthProperty().addListener((observable, was, is) ->
                nameColumnWidth.set(Math.max(260, Math.min(DEFAULT_NAME_COLUMN_WIDTH, is.doubleValue() * 0.45))));
    }

    /** Names where "←" leads: the results, or the view the trace was opened from. */
    public void setBackLabel(String destination) {
        back.setText("← " + destination);
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** The list of rows, for tests. */
    public ListView<WaterfallRow> rowList() {
        return list;
    }

    private void showTrace(Trace trace) {
        if (trace == null) {
            title.setText("");
            facts.setText("");
            ruler.setDuration(0);
            return;
        }
        var root = trace.rootSpan();
        title.setText(root.serviceName() + ": " + root.name());
        int errors = trace.errorCount();
        facts.setText("Trace " + trace.traceId() + "   ·   " + DurationText.format(trace.durationNanos())
                + "   ·   " + count(trace.spans().size(), "span") + "   ·   " + count(trace.services().size(), "service")
                + (errors > 0 ? "   ·   ⚠ " + count(errors, "error") : ""));
        facts.getStyleClass().remove("has-errors");
        if (errors > 0) {
            facts.getStyleClass().add("has-errors");
        }
        ruler.setDuration(trace.durationNanos());
        list.scrollTo(0);
    }

    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    private void selectInList(WaterfallRow row) {
        selecting = true;
        try {
            if (row == null) {
                list.getSelectionModel().clearSelection();
            } else {
                int index = list.getItems().indexOf(row);
                if (index >= 0) {
                    list.getSelectionModel().select(index);
                }
            }
        } finally {
            selecting = false;
        }
    }
}
