package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.GrafanaOpener;
import dev.otellab.ui.common.BusyIndicator;
import dev.otellab.ui.common.TimeRangeFields;
import dev.otellab.ui.lab.LabView;
import dev.otellab.ui.shell.SliDestination;
import dev.otellab.ui.shell.ShortcutHelp;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import static dev.otellab.ui.common.FormControls.field;
import static dev.otellab.ui.common.FormControls.caption;
import static dev.otellab.ui.common.FormControls.error;
import static dev.otellab.ui.common.FormControls.fieldFlow;
import static dev.otellab.ui.common.FormControls.labeled;

/**
 * The SLIs page: service, range, step and targets; charts of availability, request rate,
 * error ratio and latency percentiles for the service or one route; the SLO table (error
 * budget left, burn rate, health per route); and the traces behind a clicked latency point.
 */
public final class SliView implements SliDestination {
    private static final String DESCRIBED = "sli-point-described";

    private final SliViewModel model;
    private final SliResultsViewModel results;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> service = new ComboBox<>();
    private final LineChart<Number, Number> availability;
    private final LineChart<Number, Number> rate;
    private final LineChart<Number, Number> errors;
    private final LineChart<Number, Number> latency;
    private final TableView<SloStatus> sloTable = new TableView<>();
    private final TableView<TraceSummary> traceTable = new TableView<>();

    private javafx.scene.layout.FlowPane actions;

    /** Adds "Open dashboard in Grafana" (the lab's SLI/SLO dashboard), shown while the lab's mode has a Grafana. */
    public void offerGrafana(GrafanaOpener grafana) {
        Button open = new Button("Open dashboard in Grafana");
        open.setId("sli-open-grafana");
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        open.visibleProperty().bind(grafana.availableProperty());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(event -> grafana.open(model.validTimeRange().flatMap(grafana::sliDashboardLink)));
        actions.getChildren().add(1, open);
    }

    public SliView(SliViewModel model, ZoneId zone) {
        this.model = model;
        this.results = new SliResultsViewModel(model, zone);
        root.getStyleClass().add("sli-view");
        root.setId("sli-view");
        root.getStylesheets().add(LabView.class.getResource(LabView.STYLESHEET).toExternalForm());
        availability = chart("Availability (%)", "sli-availability", false);
        rate = chart("Request rate (req/s)", "sli-rate", false);
        errors = chart("Error ratio (5xx, %)", "sli-errors", false);
        latency = chart("Latency (ms) — click a point for its traces", "sli-latency", true);
        root.setTop(form());
        GridPane charts = new GridPane();
        charts.setHgap(8);
        charts.setVgap(8);
        charts.add(availability, 0, 0);
        charts.add(rate, 1, 0);
        charts.add(errors, 0, 1);
        charts.add(latency, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            charts.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(row);
        }
        SplitPane split = new SplitPane(charts, bottom());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.56);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
        root.setCenter(split);
        results.chartsProperty().addListener((observable, was, is) -> showCharts(is));
    }

    @Override
    public String title() {
        return "SLIs";
    }

    @Override
    public String glyph() {
        return "◔";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN);
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
    public void focusSearch() {
        service.requestFocus();
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    public void showWindow(String service, TimeRange window, java.time.Duration step) {
        model.showWindow(service, window, step);
    }

    @Override
    public List<ShortcutHelp> shortcuts() {
        return List.of(new ShortcutHelp("Click a latency point", "List the traces of that moment"));
    }

    @Override
    public Map<String, String> saveState() {
        return model.saveState();
    }

    @Override
    public void restoreState(Map<String, String> state) {
        model.restoreState(state);
    }

    /** The charts, for tests and screenshots. */
    public List<LineChart<Number, Number>> charts() {
        return List.of(availability, rate, errors, latency);
    }

    public TableView<SloStatus> sloTable() {
        return sloTable;
    }

    public TableView<TraceSummary> traceTable() {
        return traceTable;
    }

    private Node form() {
        service.setId("sli-service");
        service.setItems(model.services());
        service.setPromptText("no service yet");
        service.setPrefWidth(180);
        service.valueProperty().bindBidirectional(model.serviceProperty());
        TimeRangeFields range = TimeRangeFields.create(model.timeRangeForm(), "sli", "now", 12);
        TextField step = field("sli-step", "auto", 6);
        step.textProperty().bindBidirectional(model.stepOverrideProperty());
        step.setTooltip(new Tooltip("Empty: about 60-120 points for the range. Or e.g. 10s, 1m"));
        TextField availabilityTarget = field("slo-availability-target", "99", 5);
        availabilityTarget.textProperty().bindBidirectional(model.availabilityTargetProperty());
        TextField latencyTarget = field("slo-latency-target", "500", 5);
        latencyTarget.textProperty().bindBidirectional(model.latencyTargetProperty());
        ComboBox<String> route = new ComboBox<>();
        route.setId("sli-route");
        route.setItems(model.routes());
        route.valueProperty().bindBidirectional(model.routeProperty());
        route.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return SliResultsViewModel.routeLabel(value);
            }

            @Override
            public String fromString(String text) {
                return SliResultsViewModel.routeOf(text);
            }
        });
        route.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : SliResultsViewModel.routeLabel(item));
            }
        });
        route.setPrefWidth(220);

        Button apply = new Button("Apply");
        apply.setId("sli-apply");
        apply.setDefaultButton(true);
        apply.disableProperty().bind(model.canQueryProperty().not());
        apply.setOnAction(event -> model.refresh());
        CheckBox autoRefresh = new CheckBox("Auto-refresh (5 s)");
        autoRefresh.setId("sli-auto-refresh");
        autoRefresh.selectedProperty().bindBidirectional(model.autoRefreshProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        HBox busy = new HBox(6, spinner, new Label("Querying…"));
        busy.setAlignment(Pos.CENTER_LEFT);
        BusyIndicator.showWhileBusy(busy, model.runningProperty());
        Label stepText = new Label();
        stepText.getStyleClass().add("result-summary");
        stepText.textProperty().bind(model.stepTextProperty());

        Node fields = fieldFlow(labeled("Service", service, null),
                labeled("Time range", range.row(), error(model.rangeErrorProperty(), "sli-range-error", 240)),
                labeled("Step", step, error(model.stepErrorProperty(), "sli-step-error", 240)),
                labeled("Avail. %", availabilityTarget, error(model.availabilityErrorProperty(), "slo-availability-error", 240)),
                labeled("p95 ms", latencyTarget, error(model.latencyErrorProperty(), "slo-latency-error", 240)),
                labeled("Route", route, null));

        Label message = new Label();
        message.setId("sli-error");
        message.getStyleClass().add("error-message");
        message.setWrapText(true);
        message.textProperty().bind(model.errorMessageProperty());
        message.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        // a flow, not a row: at the window's smallest size the numbers wrap instead of turning into "…"
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(12, 6, apply, autoRefresh, stepText, busy, summary());
        this.actions = actions;
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Node child : actions.getChildren()) {
            if (child instanceof javafx.scene.control.Control control) {
                control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        VBox box = new VBox(6, fields, actions, message);
        box.getStyleClass().add("view-header");
        return box;
    }

    /** The shown route's availability and p95 against its targets, colored by health. */
    private Node summary() {
        Label availabilityValue = new Label();
        availabilityValue.setId("sli-availability-value");
        availabilityValue.getStyleClass().add("sli-big-number");
        Label latencyValue = new Label();
        latencyValue.setId("sli-p95-value");
        latencyValue.getStyleClass().add("sli-big-number");
        Label budget = new Label();
        budget.setId("sli-budget-value");
        budget.getStyleClass().add("result-summary");
        availabilityValue.textProperty().bind(results.availabilityTextProperty());
        latencyValue.textProperty().bind(results.latencyTextProperty());
        budget.textProperty().bind(results.budgetTextProperty());
        results.availabilityHealthProperty().addListener((observable, was, health) -> restyle(availabilityValue, health));
        results.latencyHealthProperty().addListener((observable, was, health) -> restyle(latencyValue, health));
        HBox box = new HBox(14, availabilityValue, latencyValue, budget);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().forEach(child -> ((Label) child).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }

    private Node bottom() {
        sloTable.setId("slo-table");
        sloTable.setItems(model.statuses());
        // columns keep their widths (numbers and headers never cut); a narrow window scrolls sideways
        sloTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        sloTable.setPlaceholder(new Label("No requests in this range yet"));
        sloTable.getColumns().add(sloColumn("Route", 170, status -> SliResultsViewModel.routeLabel(status.route())));
        sloTable.getColumns().add(sloColumn("Requests", 90, SliResultsViewModel::requestsText));
        sloTable.getColumns().add(sloColumn("Availability", 105, SliResultsViewModel::availabilityText));
        sloTable.getColumns().add(sloColumn("p95", 85, SliResultsViewModel::p95Text));
        sloTable.getColumns().add(sloColumn("Budget left", 105, SliResultsViewModel::budgetLeftText));
        sloTable.getColumns().add(sloColumn("Burn rate", 90, SliResultsViewModel::burnRateText));
        TableColumn<SloStatus, SloStatus> health = new TableColumn<>("Health");
        health.setPrefWidth(95);
        health.setSortable(false);
        health.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        health.setCellFactory(column -> new HealthCell());
        sloTable.getColumns().add(health);
        sloTable.setRowFactory(view -> {
            TableRow<SloStatus> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (!row.isEmpty()) {
                    model.routeProperty().set(row.getItem().route());
                }
            });
            return row;
        });

        traceTable.setId("sli-traces");
        traceTable.setItems(model.windowTraces());
        traceTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label noPoint = new Label("Click a point of the latency chart to list the traces of that moment");
        noPoint.setWrapText(true);
        traceTable.setPlaceholder(noPoint);
        traceTable.getColumns().add(traceColumn("Start", 100, results::traceStartText));
        traceTable.getColumns().add(traceColumn("Operation", 170, TraceSummary::rootName));
        traceTable.getColumns().add(traceColumn("Duration", 90, SliResultsViewModel::traceDurationText));
        traceTable.getColumns().add(traceColumn("Errors", 75, SliResultsViewModel::traceErrorsText));
        traceTable.setRowFactory(view -> {
            TableRow<TraceSummary> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (!row.isEmpty() && event.getClickCount() >= 1) {
                    model.openTrace(row.getItem());
                }
            });
            return row;
        });
        traceTable.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                model.openTrace(traceTable.getSelectionModel().getSelectedItem());
            }
        });
        Label windowText = new Label();
        windowText.setId("sli-window-text");
        windowText.setWrapText(true);
        windowText.setMinHeight(Region.USE_PREF_SIZE);
        windowText.getStyleClass().add("result-summary");
        windowText.textProperty().bind(model.windowTextProperty());
        VBox traces = new VBox(4, caption("Traces at the clicked point"), windowText, traceTable);
        VBox.setVgrow(traceTable, Priority.ALWAYS);
        Label onPurpose = new Label(SliResultsViewModel.SLO_NOTE);
        onPurpose.setId("slo-note");
        onPurpose.getStyleClass().add("result-summary");
        onPurpose.setWrapText(true);
        onPurpose.setMinHeight(Region.USE_PREF_SIZE);
        VBox slo = new VBox(4, caption("Service level objectives (click a row to chart its route)"), onPurpose, sloTable);
        VBox.setVgrow(sloTable, Priority.ALWAYS);
        SplitPane split = new SplitPane(slo, traces);
        split.setDividerPositions(0.6);
        return split;
    }

    private void showCharts(SliCharts shown) {
        if (shown.time() != null) {
            for (LineChart<Number, Number> chart : charts()) {
                NumberAxis x = (NumberAxis) chart.getXAxis();
                x.setLowerBound(shown.time().lowerSeconds());
                x.setUpperBound(shown.time().upperSeconds());
                x.setTickUnit(shown.time().tickSeconds());
            }
        }
        NumberAxis y = (NumberAxis) availability.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(shown.availabilityFloor());
        y.setUpperBound(SliCharts.AVAILABILITY_CEILING);
        y.setTickUnit(shown.availabilityTick());
        show(availability, shown.availability());
        show(rate, shown.rate());
        show(errors, shown.errors());
        show(latency, shown.latency());
        markTargetLines();
    }

    /**
     * Puts each line's points into the chart in place (a point under the mouse keeps its symbol)
     * and gives every new symbol its tooltip: the line, the value in the SLO table's format, the time.
     */
    private void show(LineChart<Number, Number> chart, SliCharts.Chart lines) {
        if (chart.getData().size() != lines.lines().size()) {
            List<XYChart.Series<Number, Number>> created = new java.util.ArrayList<>();
            for (String name : lines.names()) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(name);
                created.add(series);
            }
            chart.getData().setAll(created);
        }
        for (int i = 0; i < lines.lines().size(); i++) {
            XYChart.Series<Number, Number> series = chart.getData().get(i);
            SliCharts.Line line = lines.lines().get(i);
            ChartPoints.update(series, line.points());
            if (!line.target()) {
                series.getData().forEach(point -> describe(chart, series, point, lines.format()));
            }
        }
    }

    /** A point's symbol, once: its tooltip, the hover that holds auto-refresh, and on the latency chart a click. */
    private void describe(LineChart<Number, Number> chart, XYChart.Series<Number, Number> series,
                          XYChart.Data<Number, Number> point, DoubleFunction<String> format) {
        Node symbol = point.getNode();
        if (symbol == null || symbol.getProperties().containsKey(DESCRIBED)) {
            return;
        }
        symbol.getProperties().put(DESCRIBED, Boolean.TRUE);
        Tooltip tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(150));
        tip.setOnShowing(event -> tip.setText(pointText(series, point, format)));
        tip.setText(pointText(series, point, format));
        Tooltip.install(symbol, tip);
        symbol.hoverProperty().addListener((observable, was, is) -> model.pointHoveredProperty().set(is));
        if (chart == latency) {
            symbol.setOnMouseClicked(event -> results.latencyPointClicked(
                    point.getXValue().doubleValue(), point.getYValue().doubleValue()));
        }
    }

    private String pointText(XYChart.Series<Number, Number> series, XYChart.Data<Number, Number> point,
                             DoubleFunction<String> format) {
        return results.pointText(series.getName(), point.getXValue().doubleValue(), point.getYValue().doubleValue(), format);
    }

    /** Target lines are drawn dashed and without symbols. */
    private void markTargetLines() {
        for (LineChart<Number, Number> chart : List.of(availability, latency)) {
            XYChart.Series<Number, Number> target = chart.getData().get(chart.getData().size() - 1);
            if (target.getNode() != null && !target.getNode().getStyleClass().contains("target-line")) {
                target.getNode().getStyleClass().add("target-line");
            }
            for (XYChart.Data<Number, Number> point : target.getData()) {
                if (point.getNode() != null) {
                    point.getNode().setVisible(false);
                }
            }
        }
    }

    private LineChart<Number, Number> chart(String title, String id, boolean clickable) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return results.axisTime(seconds.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(!id.equals("sli-availability"));
        y.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(true); // every point has a symbol that tells its value on hover
        chart.setLegendVisible(clickable || id.equals("sli-availability"));
        chart.getStyleClass().add("sli-chart");
        if (clickable) {
            chart.getStyleClass().add("clickable");
        }
        chart.setMinSize(160, 110);
        // a hovered point that a manual refresh removed never reports the mouse leaving it: the chart does
        chart.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_EXITED, event -> model.pointHoveredProperty().set(false));
        return chart;
    }

    private static void restyle(Label label, SloHealth health) {
        label.getStyleClass().removeIf(style -> style.startsWith("health-"));
        label.getStyleClass().add(SloHealthStyle.healthStyle(health));
    }

    private static final class HealthCell extends TableCell<SloStatus, SloStatus> {
        @Override
        protected void updateItem(SloStatus item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Label badge = new Label(SloText.healthText(item.overall()));
            badge.getStyleClass().addAll("slo-health", SloHealthStyle.healthStyle(item.overall()));
            badge.setMinWidth(Label.USE_PREF_SIZE);
            if (item.overall() != SloHealth.NO_DATA) {
                badge.setTooltip(new Tooltip(SliResultsViewModel.healthReason(item)));
            }
            setGraphic(badge);
        }
    }

    private static <T> TableColumn<SloStatus, String> sloColumn(String title, double width, Function<SloStatus, String> value) {
        TableColumn<SloStatus, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<TraceSummary, String> traceColumn(String title, double width, Function<TraceSummary, String> value) {
        TableColumn<TraceSummary, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
