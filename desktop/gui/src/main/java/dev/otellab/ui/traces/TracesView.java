package dev.otellab.ui.traces;

import dev.otellab.ui.shell.ReturnTo;
import dev.otellab.ui.shell.ShortcutHelp;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.shell.TraceDestination;
import dev.otellab.ui.shell.TraceSearchDestination;
import dev.otellab.ui.waterfall.WaterfallView;
import dev.otellab.ui.waterfall.WaterfallViewModel;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Traces page: the search with its results, and the waterfall of the trace opened from
 * them (or from a trace id anywhere). Escape goes from the waterfall back to the results.
 */
public final class TracesView implements TraceDestination, TraceSearchDestination {
    private final TraceSearchViewModel searchModel;
    private final WaterfallViewModel waterfallModel;
    private final TraceSearchView searchView;
    private final WaterfallView waterfallView;
    private final StackPane root = new StackPane();
    private boolean searchedOnce;
    private javafx.scene.Node comparison;
    private javafx.scene.Node beforeComparison;
    /** The view that sent the user to the open trace, where Back leads; null: the search results. */
    private ReturnTo returnTo;

    public TracesView(TraceSearchViewModel searchModel, WaterfallViewModel waterfallModel, ZoneId zone, Consumer<String> notifier) {
        this.searchModel = searchModel;
        this.waterfallModel = waterfallModel;
        this.searchView = new TraceSearchView(searchModel, zone, this::openTrace);
        this.waterfallView = new WaterfallView(waterfallModel, this::backFromTrace, notifier);
        root.getStyleClass().add("traces-view");
        root.setId("traces-view");
        root.getChildren().add(searchView);
    }

    @Override
    public String title() {
        return "Traces";
    }

    @Override
    public String glyph() {
        return "≋";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN);
    }

    @Override
    public void openTrace(String traceId) {
        openTrace(traceId, "", null);
    }

    @Override
    public void openTrace(String traceId, String spanId, ReturnTo from) {
        returnTo = from;
        waterfallView.setBackLabel(from == null ? "Results" : from.viewTitle());
        root.getChildren().setAll(waterfallView);
        waterfallModel.open(traceId, spanId);
    }

    /** "← Back" in the waterfall: to the view the trace was opened from, else to the results. */
    private void backFromTrace() {
        if (returnTo != null) {
            returnTo.go().run();
        } else {
            showResults();
        }
    }

    /** A search for every trace of {@code service} in {@code range}, the other criteria cleared. */
    @Override
    public void searchService(String service, TimeRangeChoice range) {
        searchModel.serviceProperty().set(service);
        searchModel.spanNameProperty().set("");
        searchModel.minDurationProperty().set("");
        searchModel.maxDurationProperty().set("");
        searchModel.errorsOnlyProperty().set(false);
        searchModel.attributesProperty().set("");
        searchModel.timeRangeForm().choiceProperty().set(range);
        showResults();
        searchModel.search();
    }

    /** Shows a trace already in memory (e.g. opened from a file) in the waterfall. */
    public void showTrace(dev.otellab.telemetry.model.Trace trace) {
        root.getChildren().setAll(waterfallView);
        waterfallModel.show(trace);
    }

    /** The Compare pane this page shows on {@link #showComparison()}. */
    public void setComparison(javafx.scene.Node pane) {
        comparison = pane;
    }

    /** Shows the Compare pane; Escape or its Back returns to what showed before. */
    public void showComparison() {
        if (!showsComparison()) {
            beforeComparison = root.getChildren().isEmpty() ? searchView : root.getChildren().get(0);
        }
        root.getChildren().setAll(comparison);
    }

    public boolean showsComparison() {
        return comparison != null && root.getChildren().contains(comparison);
    }

    /** Leaves the Compare pane for the results or the trace shown before it. */
    public void closeComparison() {
        root.getChildren().setAll(beforeComparison == null ? searchView : beforeComparison);
    }

    /** True while the waterfall (not the search) shows. */
    public boolean showsTrace() {
        return root.getChildren().contains(waterfallView);
    }

    public void showResults() {
        root.getChildren().setAll(searchView);
    }

    @Override
    public void shown() {
        searchModel.visibleProperty().set(true);
        if (!searchedOnce) {
            searchedOnce = true;
            searchModel.loadServices();
            searchModel.search();
        }
    }

    @Override
    public void hidden() {
        searchModel.visibleProperty().set(false);
    }

    @Override
    public void focusSearch() {
        if (showsTrace()) {
            waterfallView.focusSearch();
        } else {
            searchView.focusSearch();
        }
    }

    @Override
    public void refresh() {
        if (showsTrace()) {
            waterfallModel.reload();
        } else {
            searchModel.search();
        }
    }

    @Override
    public boolean back() {
        if (showsComparison()) {
            closeComparison();
            return true;
        }
        if (showsTrace()) {
            boolean elsewhere = returnTo != null;
            returnTo = null;
            showResults();
            // opened from another view: the shell shows that view again; here the results wait
            return !elsewhere;
        }
        return false;
    }

    @Override
    public void logsForSelection() {
        if (showsTrace()) {
            if (waterfallModel.selectedProperty().get() != null) {
                waterfallModel.showLogsForSpan();
            } else {
                waterfallModel.showLogsForTrace();
            }
        } else {
            var selected = searchView.table().getSelectionModel().getSelectedItem();
            if (selected != null) {
                waterfallModel.showLogsForTraceId(selected.id());
            }
        }
    }

    @Override
    public List<ShortcutHelp> shortcuts() {
        return List.of(
                new ShortcutHelp("Enter / click", "Open the selected trace"),
                new ShortcutHelp("← / →", "Collapse / expand the selected span"),
                new ShortcutHelp("Ctrl+click", "Select a second result (then Compare, or Export…)"),
                new ShortcutHelp("Ctrl+O / drop files", "Open trace files (OTLP JSON lines, OTLP JSON or protobuf, Tempo JSON)"));
    }

    @Override
    public Map<String, String> saveState() {
        return searchModel.saveState();
    }

    @Override
    public void restoreState(Map<String, String> state) {
        searchModel.restoreState(state);
    }

    public TraceSearchView searchView() {
        return searchView;
    }

    public WaterfallView waterfallView() {
        return waterfallView;
    }
}
