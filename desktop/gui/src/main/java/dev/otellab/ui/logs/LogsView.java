package dev.otellab.ui.logs;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.ui.common.BusyIndicator;
import dev.otellab.ui.common.GrafanaOpener;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeFields;
import dev.otellab.presentation.TimeText;
import dev.otellab.ui.shell.LogDestination;
import dev.otellab.ui.shell.ShortcutHelp;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import org.controlsfx.control.CheckComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static dev.otellab.ui.common.FormControls.error;
import static dev.otellab.ui.common.FormControls.fieldFlow;
import static dev.otellab.ui.common.FormControls.labeled;

/** The Logs page: filters, the live table, the follow/pause switch and the record's details. */
public final class LogsView implements LogDestination {
    private final LogViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<LogRecord> table = new TableView<>();
    private final TextField text = new TextField();

    private HBox actions;

    /** Adds "Open in Grafana" (the same LogQL in Explore), shown while the lab's mode has a Grafana. */
    public void offerGrafana(GrafanaOpener grafana) {
        Button open = new Button("Open in Grafana");
        open.setId("logs-open-grafana");
        open.setTooltip(new javafx.scene.control.Tooltip("The same query in Grafana's Explore (Loki)"));
        open.visibleProperty().bind(grafana.availableProperty());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(event -> {
            try {
                grafana.open(grafana.logsLink(model.filter(), model.timeRange()));
            } catch (IllegalArgumentException e) {
                grafana.open(java.util.Optional.empty());
            }
        });
        actions.getChildren().add(open);
    }

    public LogsView(LogViewModel model, ZoneId zone) {
        this.model = model;
        root.getStyleClass().add("logs-view");
        root.setId("logs-view");
        root.setTop(filters());
        buildTable(zone);
        LogDetailsPane details = new LogDetailsPane(model, zone);
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(details, false);
        root.setCenter(split);
    }

    static String severityStyle(Severity severity) {
        return "severity-" + severity.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String title() {
        return "Logs";
    }

    @Override
    public String glyph() {
        return "☰";
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN);
    }

    @Override
    public void shown() {
        model.start();
    }

    @Override
    public void showLogs(LogFilter filter) {
        model.showLogs(filter);
    }

    @Override
    public void focusSearch() {
        text.requestFocus();
        text.selectAll();
    }

    @Override
    public void refresh() {
        model.apply();
    }

    @Override
    public void logsForSelection() {
        model.openTrace(model.selectedProperty().get());
    }

    @Override
    public List<ShortcutHelp> shortcuts() {
        return List.of(
                new ShortcutHelp("Enter", "Apply the filters"),
                new ShortcutHelp("Space (in the table)", "Pause or follow the live tail"),
                new ShortcutHelp("Click a trace id", "Open the trace's waterfall"));
    }

    @Override
    public Map<String, String> saveState() {
        return model.saveState();
    }

    @Override
    public void restoreState(Map<String, String> state) {
        model.restoreState(state);
    }

    public TableView<LogRecord> table() {
        return table;
    }

    /**
     * The services to show, several at once (ControlsFX's CheckComboBox over the services seen so
     * far); a change applies at once. The box keeps its own copy of the names: replacing them
     * clears its checks, which must not read as the user clearing the filter.
     */
    private CheckComboBox<String> serviceChoice() {
        javafx.collections.ObservableList<String> names = javafx.collections.FXCollections.observableArrayList(model.services());
        CheckComboBox<String> service = new CheckComboBox<>(names);
        service.setId("logs-service");
        service.setPrefWidth(180);
        boolean[] syncing = {false};
        Runnable showChosen = () -> {
            syncing[0] = true;
            try {
                if (!names.equals(model.services())) {
                    names.setAll(model.services());
                }
                service.getCheckModel().clearChecks();
                model.chosenServices().forEach(service.getCheckModel()::check);
            } finally {
                syncing[0] = false;
            }
            boolean any = model.chosenServices().isEmpty();
            service.setTitle(any ? "any service" : null);
            service.setTooltip(new javafx.scene.control.Tooltip(any ? "Logs of every service; check the ones to show"
                    : String.join(LogViewModel.SERVICE_SEPARATOR, model.chosenServices())));
        };
        model.services().addListener((javafx.collections.ListChangeListener<String>) change -> showChosen.run());
        model.serviceProperty().addListener((observable, was, is) -> showChosen.run());
        service.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (!syncing[0]) {
                model.chooseServices(service.getCheckModel().getCheckedItems());
                applyIfValid();
            }
        });
        showChosen.run();
        return service;
    }

    private Node filters() {
        CheckComboBox<String> service = serviceChoice();
        ComboBox<Severity> severity = new ComboBox<>();
        severity.setId("logs-severity");
        severity.getItems().setAll(Severity.values());
        severity.valueProperty().bindBidirectional(model.minSeverityProperty());
        severity.setButtonCell(new SeverityCell());
        severity.setCellFactory(list -> new SeverityCell());
        text.setId("logs-text");
        text.setPromptText("text in the message");
        text.setPrefColumnCount(18);
        text.textProperty().bindBidirectional(model.textProperty());
        TextField traceId = new TextField();
        traceId.setId("logs-trace-id");
        traceId.setPromptText("trace id");
        traceId.setPrefColumnCount(22);
        traceId.textProperty().bindBidirectional(model.traceIdProperty());
        TextField spanId = new TextField();
        spanId.setId("logs-span-id");
        spanId.setPromptText("span id");
        spanId.setPrefColumnCount(12);
        spanId.textProperty().bindBidirectional(model.spanIdProperty());
        TimeRangeFields range = TimeRangeFields.create(model.timeRangeForm(), "logs", TimeRangeChoice.CUSTOM_PATTERN, 12);
        for (TextField field : List.of(text, traceId, spanId, range.from(), range.to())) {
            field.setOnAction(event -> applyIfValid());
        }

        Node fields = fieldFlow(labeled("Service", service, null), labeled("Minimum severity", severity, null),
                labeled("Text", text, null),
                labeled("Trace id", traceId, error(model.traceIdErrorProperty(), "trace-id-error", 300)),
                labeled("Span id", spanId, error(model.spanIdErrorProperty(), "span-id-error", 300)),
                labeled("Time range", range.row(), error(model.rangeErrorProperty(), "logs-range-error", 300)));

        Button apply = new Button("Apply filters");
        apply.setId("logs-apply");
        apply.setDefaultButton(false);
        apply.disableProperty().bind(model.canApplyProperty().not());
        apply.setOnAction(event -> model.apply());
        ToggleButton follow = new ToggleButton();
        follow.setId("logs-follow");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.textProperty().bind(Bindings.when(model.followProperty()).then("❚❚  Pause").otherwise("▶  Follow"));
        Label newCount = new Label();
        newCount.setId("logs-new-count");
        newCount.getStyleClass().add("new-count");
        newCount.textProperty().bind(Bindings.format("%,d new", model.newWhilePausedProperty()));
        newCount.visibleProperty().bind(model.followProperty().not().and(model.newWhilePausedProperty().greaterThan(0)));
        newCount.managedProperty().bind(newCount.visibleProperty());
        Label count = new Label();
        count.setId("logs-count");
        count.getStyleClass().add("result-summary");
        count.textProperty().bind(model.countTextProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(event -> model.clear());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        HBox busy = new HBox(6, spinner, new Label("Loading…"));
        busy.setAlignment(Pos.CENTER_LEFT);
        BusyIndicator.showWhileBusy(busy, model.loadingProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, apply, follow, newCount, busy, gap, count, clear);
        this.actions = actions;
        actions.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("logs-error");
        error.getStyleClass().add("error-message");
        error.setWrapText(true);
        error.textProperty().bind(model.errorMessageProperty());
        error.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox box = new VBox(6, fields, actions, error);
        box.getStyleClass().add("view-header");
        BorderPane.setMargin(box, new Insets(0, 0, 8, 0));
        return box;
    }

    private void applyIfValid() {
        if (model.canApplyProperty().get()) {
            model.apply();
        }
    }

    private void buildTable(ZoneId zone) {
        table.setId("log-records");
        table.setItems(model.records());
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label placeholder = new Label();
        placeholder.setId("logs-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(model.noLogsProperty().isEmpty())
                .then("No log records match (yet)").otherwise(model.noLogsProperty()));
        table.setPlaceholder(placeholder);
        table.getColumns().add(fixed(column("Time", 110, record -> TimeText.time(record.timeUnixNano(), zone))));
        TableColumn<LogRecord, LogRecord> severity = new TableColumn<>("Severity");
        fixed(severity, 80);
        severity.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        severity.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(LogRecord item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(style -> style.startsWith("severity-"));
                if (empty || item == null) {
                    setText(null);
                } else {
                    setText(item.severityText());
                    getStyleClass().add(severityStyle(item.severity()));
                }
            }
        });
        table.getColumns().add(severity);
        table.getColumns().add(fixed(column("Service", 140, LogRecord::serviceName)));
        // the trace id before the message: it stays in sight however narrow the table is
        TableColumn<LogRecord, LogRecord> trace = new TableColumn<>("Trace id");
        fixed(trace, 130);
        trace.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        trace.setCellFactory(column -> new TraceIdCell());
        table.getColumns().add(trace);
        TableColumn<LogRecord, String> message = column("Message", 520, LogRecord::body);
        message.setMinWidth(160);
        message.setCellFactory(column -> new MessageCell());
        table.getColumns().add(message);
        for (TableColumn<LogRecord, ?> column : table.getColumns()) {
            column.setSortable(false); // the tail keeps time order
        }
        table.getSelectionModel().selectedItemProperty().addListener((observable, was, is) -> {
            if (is != null) {
                model.selectedProperty().set(is);
            }
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.SPACE) {
                model.followProperty().set(!model.followProperty().get());
                event.consume();
            }
        });
        model.records().addListener((ListChangeListener<LogRecord>) change -> {
            boolean added = false;
            while (change.next()) {
                added |= change.wasAdded();
            }
            if (added && model.followProperty().get()) {
                table.scrollTo(model.records().size() - 1);
            }
        });
    }

    /** The message on one line; the whole of a long one in its tooltip. */
    private static final class MessageCell extends TableCell<LogRecord, String> {
        private final Tooltip whole = new Tooltip();

        MessageCell() {
            whole.setWrapText(true);
            whole.setMaxWidth(640);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            whole.setText(empty || item == null ? "" : item);
            setTooltip(empty || item == null || item.isEmpty() ? null : whole);
        }
    }

    /** The trace id's first characters as a link to the trace; the whole id in its tooltip. */
    private final class TraceIdCell extends TableCell<LogRecord, LogRecord> {
        static final int SHOWN_CHARACTERS = 12;
        private final Hyperlink link = new Hyperlink();
        private final Tooltip whole = new Tooltip();

        TraceIdCell() {
            link.getStyleClass().add("trace-link");
            link.setOnAction(event -> model.openTrace(getItem()));
            link.setTooltip(whole);
        }

        @Override
        protected void updateItem(LogRecord item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null || !item.hasTrace()) {
                setGraphic(null);
            } else {
                String id = item.traceId();
                link.setText(id.length() > SHOWN_CHARACTERS ? id.substring(0, SHOWN_CHARACTERS) + "…" : id);
                link.setUserData(id);
                whole.setText("Open trace " + id);
                link.setVisited(false);
                setGraphic(link);
            }
        }
    }

    private static final class SeverityCell extends ListCell<Severity> {
        @Override
        protected void updateItem(Severity item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item == Severity.UNSPECIFIED ? "any" : item.name());
        }
    }

    /** Only the message column takes the width that is left. */
    private static <T> TableColumn<LogRecord, T> fixed(TableColumn<LogRecord, T> column) {
        return fixed(column, column.getPrefWidth());
    }

    private static <T> TableColumn<LogRecord, T> fixed(TableColumn<LogRecord, T> column, double width) {
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    private static TableColumn<LogRecord, String> column(String title, double width, Function<LogRecord, String> value) {
        TableColumn<LogRecord, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
