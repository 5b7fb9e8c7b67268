package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.ui.common.BusyIndicator;
import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeFields;
import dev.otellab.presentation.TimeText;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.controlsfx.control.textfield.TextFields;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.otellab.ui.common.FormControls.field;
import static dev.otellab.ui.common.FormControls.error;
import static dev.otellab.ui.common.FormControls.fieldFlow;
import static dev.otellab.ui.common.FormControls.labeled;

/** The search form, the duration scatter plot and the results table, bound to a {@link TraceSearchViewModel}. */
public final class TraceSearchView extends BorderPane {
    private final TraceSearchViewModel model;
    private final ComboBox<String> service = new ComboBox<>();
    private final TableView<TraceSummary> table = new TableView<>();
    private final javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(12, 6);

    public TraceSearchView(TraceSearchViewModel model, ZoneId zone, Consumer<String> onOpen) {
        this.model = model;
        getStyleClass().add("trace-search-view");
        setId("trace-search-view");
        setTop(form());
        DurationScatter scatter = new DurationScatter(model.results(), zone, trace -> onOpen.accept(trace.traceId()));
        scatter.setId("duration-scatter");
        buildTable(zone, onOpen);
        SplitPane split = new SplitPane(scatter, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        setCenter(split);
    }

    public void focusSearch() {
        service.requestFocus();
        service.getEditor().selectAll();
    }

    /** Adds buttons acting on the selected results (e.g. Compare, Export…) after the search's own. */
    public void addResultActions(javafx.scene.Node... nodes) {
        actions.getChildren().addAll(nodes);
    }

    public TableView<TraceSummary> table() {
        return table;
    }

    private Node form() {
        service.setEditable(true);
        service.setId("search-service");
        service.setPromptText("any service");
        service.setItems(model.services());
        service.setPrefWidth(200);
        service.getEditor().textProperty().bindBidirectional(model.serviceProperty());
        TextField spanName = field("search-span-name", "any operation", 16);
        spanName.textProperty().bindBidirectional(model.spanNameProperty());
        // known operation names, offered as the user types a part of one
        TextFields.bindAutoCompletion(spanName, request -> model.operationSuggestions(request.getUserText()));
        TextField min = field("search-min-duration", "e.g. 100ms", 8);
        min.textProperty().bindBidirectional(model.minDurationProperty());
        TextField max = field("search-max-duration", "e.g. 2s", 8);
        max.textProperty().bindBidirectional(model.maxDurationProperty());
        TextField attributes = field("search-attributes", "key=value key2=\"a b\"", 22);
        attributes.textProperty().bindBidirectional(model.attributesProperty());
        // names, then a name's values, for the token being typed; choosing one keeps what was typed before it
        var completion = TextFields.bindAutoCompletion(attributes,
                request -> model.attributeSuggestions(request.getUserText()));
        completion.setOnAutoCompleted(event -> {
            attributes.setText(event.getCompletion().text());
            attributes.positionCaret(attributes.getLength());
            if (attributes.getText().endsWith("=")) {
                // a name was chosen: offer its values right away
                javafx.application.Platform.runLater(() -> completion.setUserInput(attributes.getText()));
            }
        });
        CheckBox errorsOnly = new CheckBox("Errors only");
        errorsOnly.setId("search-errors-only");
        errorsOnly.selectedProperty().bindBidirectional(model.errorsOnlyProperty());
        TimeRangeFields range = TimeRangeFields.create(model.timeRangeForm(), "search", TimeRangeChoice.CUSTOM_PATTERN, 13);

        Button search = new Button("Search");
        search.setId("search-button");
        search.setDefaultButton(true);
        search.disableProperty().bind(model.canSearchProperty().not());
        search.setOnAction(event -> model.search());
        CheckBox autoRefresh = new CheckBox("Auto-refresh (5 s)");
        autoRefresh.setId("search-auto-refresh");
        autoRefresh.selectedProperty().bindBidirectional(model.autoRefreshProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> model.cancel());
        HBox busy = new HBox(6, spinner, new Label("Searching…"), cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        BusyIndicator.showWhileBusy(busy, model.runningProperty());

        Node fields = fieldFlow(labeled("Service", service, null), labeled("Operation", spanName, null),
                labeled("Min duration", min, error(model.minDurationErrorProperty(), "min-duration-error", 200)),
                labeled("Max duration", max, error(model.maxDurationErrorProperty(), "max-duration-error", 200)),
                labeled("Attributes", attributes, error(model.attributesErrorProperty(), "attributes-error", 260)),
                labeled("Time range", range.row(), error(model.rangeErrorProperty(), "range-error", 260)));

        Label summary = new Label();
        summary.setId("search-summary");
        summary.getStyleClass().add("result-summary");
        summary.textProperty().bind(model.resultSummaryProperty());
        Label error = new Label();
        error.setId("search-error");
        error.getStyleClass().add("error-message");
        error.setWrapText(true);
        error.textProperty().bind(model.errorMessageProperty());
        error.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        // a flow: a long summary goes to the next line instead of squeezing the buttons
        actions.getChildren().setAll(search, errorsOnly, autoRefresh, busy, summary);
        actions.setAlignment(Pos.CENTER_LEFT);
        summary.setWrapText(true);
        summary.maxWidthProperty().bind(actions.widthProperty());
        VBox box = new VBox(6, fields, actions, error);
        box.getStyleClass().add("view-header");
        BorderPane.setMargin(box, new Insets(0, 0, 8, 0));
        return box;
    }

    private void buildTable(ZoneId zone, Consumer<String> onOpen) {
        table.setId("trace-results");
        // Sorting by a column reorders a view of the results, never the view model's list.
        SortedList<TraceSummary> sorted = new SortedList<>(model.results());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dev.otellab.ui.common.TableHeaders.keepAligned(table);
        // one empty state, the same words as the summary above the table
        Label empty = new Label();
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.createStringBinding(() -> model.resultSummaryProperty().get().isEmpty()
                ? "No traces yet: choose filters and press Search (F5)" : model.resultSummaryProperty().get(),
                model.resultSummaryProperty()));
        table.setPlaceholder(empty);
        table.getColumns().add(column("Start time", 190, summary -> TimeText.dateTime(summary.startUnixNano(), zone),
                Comparator.comparingLong(TraceSummary::startUnixNano)));
        table.getColumns().add(column("Service", 150, TraceSummary::rootService, Comparator.comparing(TraceSummary::rootService)));
        table.getColumns().add(column("Operation", 260, TraceSummary::rootName, Comparator.comparing(TraceSummary::rootName)));
        table.getColumns().add(column("Duration", 100, summary -> DurationText.format(summary.durationNanos()),
                Comparator.comparingLong(TraceSummary::durationNanos)));
        table.getColumns().add(column("Spans", 70, summary -> Integer.toString(summary.spanCount()),
                Comparator.comparingInt(TraceSummary::spanCount)));
        TableColumn<TraceSummary, TraceSummary> errors = new TableColumn<>("Errors");
        errors.setPrefWidth(90);
        errors.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        errors.setComparator(Comparator.comparingInt(TraceSummary::errorCount));
        errors.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(TraceSummary item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("error-count");
                if (empty || item == null) {
                    setText(null);
                } else if (item.hasErrors()) {
                    setText("⚠ " + item.errorCount());
                    getStyleClass().add("error-count");
                } else {
                    setText("–");
                }
            }
        });
        table.getColumns().add(errors);
        table.setRowFactory(view -> {
            TableRow<TraceSummary> row = new TableRow<>() {
                @Override
                protected void updateItem(TraceSummary item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().remove("error-row");
                    if (!empty && item != null && item.hasErrors()) {
                        getStyleClass().add("error-row");
                    }
                }
            };
            row.setOnMouseClicked(event -> {
                // Ctrl/Shift+click selects more rows (to compare or export them); a plain click opens.
                if (!row.isEmpty() && !event.isShortcutDown() && !event.isShiftDown()) {
                    onOpen.accept(row.getItem().traceId());
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            TraceSummary selected = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                onOpen.accept(selected.traceId());
                event.consume();
            }
        });
    }

    /** A column showing text, sorted by the summary's own order (numbers as numbers, times as times). */
    private static TableColumn<TraceSummary, TraceSummary> column(String title, double width, Function<TraceSummary, String> text,
                                                                 Comparator<TraceSummary> order) {
        TableColumn<TraceSummary, TraceSummary> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(order);
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(TraceSummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return column;
    }
}
