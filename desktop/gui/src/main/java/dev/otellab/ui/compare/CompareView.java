package dev.otellab.ui.compare;

import dev.otellab.telemetry.diff.AttributeChange;
import dev.otellab.telemetry.diff.Presence;
import dev.otellab.telemetry.diff.SpanDiff;
import dev.otellab.telemetry.diff.TraceDiff;
import dev.otellab.presentation.DurationText;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.List;
import java.util.function.Function;

/**
 * Two traces side by side, bound to a {@link CompareViewModel}: a header with both traces, the
 * total delta and the five spans contributing most, then one row per aligned span with A's and
 * B's duration (as bars to one scale), the deltas, status and attribute changes.
 */
public final class CompareView extends BorderPane {
    public static final String STYLESHEET = "/dev/otellab/ui/compare/compare.css";
    private static final double BAR_WIDTH = 60;

    private final CompareViewModel model;
    private final TableView<SpanDiff> table = new TableView<>();
    private final VBox top = new VBox(4);
    private final Label sideA = new Label();
    private final Label sideB = new Label();

    public CompareView(CompareViewModel model, Runnable onBack) {
        this.model = model;
        getStyleClass().add("compare-view");
        setId("compare-view");
        getStylesheets().add(CompareView.class.getResource(STYLESHEET).toExternalForm());
        setTop(header(onBack));
        buildTable();
        setCenter(table);
        model.diffProperty().addListener((observable, was, is) -> showSides(is));
        model.topContributors().addListener((ListChangeListener<SpanDiff>) change -> showTop());
    }

    public TableView<SpanDiff> table() {
        return table;
    }

    private VBox header(Runnable onBack) {
        Button back = new Button("← Back");
        back.setId("compare-back");
        back.setOnAction(event -> onBack.run());
        Label title = new Label("Compare traces");
        title.getStyleClass().add("view-title");
        CheckBox onlyDifferences = new CheckBox("Only differences");
        onlyDifferences.setId("compare-only-differences");
        onlyDifferences.selectedProperty().bindBidirectional(model.onlyDifferencesProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label progress = new Label();
        progress.textProperty().bind(model.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> model.cancel());
        HBox busy = new HBox(6, spinner, progress, cancel);
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(model.runningProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(12, back, title, busy, gap, onlyDifferences);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label headline = new Label();
        headline.setId("compare-headline");
        headline.getStyleClass().add("compare-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(model.headlineProperty());
        sideA.getStyleClass().add("compare-side");
        sideB.getStyleClass().add("compare-side");
        Label error = new Label();
        error.getStyleClass().add("error-message");
        error.setWrapText(true);
        error.textProperty().bind(model.errorMessageProperty());
        error.visibleProperty().bind(model.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        top.setId("compare-top");
        VBox box = new VBox(6, bar, error, sideA, sideB, headline, top);
        box.getStyleClass().add("view-header");
        BorderPane.setMargin(box, new Insets(0, 0, 8, 0));
        return box;
    }

    private void showSides(TraceDiff diff) {
        if (diff == null) {
            sideA.setText("");
            sideB.setText("");
            return;
        }
        sideA.setText(diff.labelA() + "  ·  " + DurationText.format(diff.durationA()));
        sideB.setText(diff.labelB() + "  ·  " + DurationText.format(diff.durationB()));
    }

    private void showTop() {
        top.getChildren().clear();
        List<SpanDiff> contributors = model.topContributors();
        if (contributors.isEmpty()) {
            return;
        }
        Label title = new Label("Contributing most to the total delta (self time):");
        title.getStyleClass().add("compare-top-title");
        top.getChildren().add(title);
        for (SpanDiff row : contributors) {
            Label delta = new Label(signed(row.selfDelta()));
            delta.getStyleClass().addAll("delta", row.selfDelta() > 0 ? "delta-slower" : "delta-faster");
            Label what = new Label(row.name() + "  (" + row.service() + ")");
            what.setTooltip(new Tooltip(row.path()));
            Label where = new Label(row.presence().label());
            where.getStyleClass().add("compare-side");
            HBox line = new HBox(10, delta, what, where);
            line.getStyleClass().add("compare-top-row");
            top.getChildren().add(line);
        }
    }

    private void buildTable() {
        table.setId("compare-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Select two traces in the results and press Compare, or use \"Compare with…\" in a trace."));
        TableColumn<SpanDiff, SpanDiff> span = column("Span", 260, row -> "  ".repeat(row.depth()) + row.name());
        TableColumn<SpanDiff, SpanDiff> service = column("Service", 120, SpanDiff::service);
        TableColumn<SpanDiff, SpanDiff> in = column("In", 60, row -> row.presence().label());
        TableColumn<SpanDiff, SpanDiff> a = barColumn("A", true);
        TableColumn<SpanDiff, SpanDiff> b = barColumn("B", false);
        TableColumn<SpanDiff, SpanDiff> delta = deltaColumn("Δ duration", SpanDiff::durationDelta);
        TableColumn<SpanDiff, SpanDiff> self = deltaColumn("Δ self", SpanDiff::selfDelta);
        TableColumn<SpanDiff, SpanDiff> status = column("Status", 110, CompareView::status);
        status.getStyleClass().add("status-cell");
        TableColumn<SpanDiff, SpanDiff> attributes = column("Attribute changes", 220, CompareView::attributes);
        table.getColumns().setAll(List.of(span, service, in, a, b, delta, self, status, attributes));
        table.getColumns().forEach(column -> column.setSortable(false));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(SpanDiff item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("only-a", "only-b", "status-changed");
                if (!empty && item != null) {
                    if (item.presence() == Presence.ONLY_A) {
                        getStyleClass().add("only-a");
                    } else if (item.presence() == Presence.ONLY_B) {
                        getStyleClass().add("only-b");
                    }
                    if (item.statusChanged()) {
                        getStyleClass().add("status-changed");
                    }
                }
            }
        });
    }

    private static TableColumn<SpanDiff, SpanDiff> column(String title, double width, Function<SpanDiff, String> text) {
        TableColumn<SpanDiff, SpanDiff> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(SpanDiff item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return column;
    }

    private static TableColumn<SpanDiff, SpanDiff> deltaColumn(String title, Function<SpanDiff, Long> delta) {
        TableColumn<SpanDiff, SpanDiff> column = new TableColumn<>(title);
        column.setPrefWidth(90);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(SpanDiff item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("delta-slower", "delta-faster");
                setAlignment(Pos.CENTER_RIGHT);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                long value = delta.apply(item);
                setText(signed(value));
                if (value != 0) {
                    getStyleClass().add(value > 0 ? "delta-slower" : "delta-faster");
                }
            }
        });
        return column;
    }

    /** A's or B's duration as text and as a bar, both sides to the scale of the longer trace. */
    private TableColumn<SpanDiff, SpanDiff> barColumn(String title, boolean sideA) {
        TableColumn<SpanDiff, SpanDiff> column = new TableColumn<>(title);
        column.setPrefWidth(150);
        column.setMinWidth(130);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(view -> new TableCell<>() {
            private final Rectangle bar = new Rectangle(0, 8);
            private final Label text = new Label();
            private final StackPane track = new StackPane(bar);
            private final HBox box = new HBox(6, text, track);

            {
                bar.getStyleClass().add(sideA ? "bar-a" : "bar-b");
                text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                track.setMinWidth(BAR_WIDTH);
                track.setPrefWidth(BAR_WIDTH);
                track.setAlignment(Pos.CENTER_LEFT);
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(SpanDiff item, boolean empty) {
                super.updateItem(item, empty);
                boolean present = !empty && item != null
                        && item.presence() != (sideA ? Presence.ONLY_B : Presence.ONLY_A);
                if (!present) {
                    setGraphic(null);
                    return;
                }
                TraceDiff diff = model.diffProperty().get();
                long scale = Math.max(1, Math.max(diff.durationA(), diff.durationB()));
                long duration = sideA ? item.durationA() : item.durationB();
                bar.setWidth(Math.max(1, BAR_WIDTH * duration / (double) scale));
                text.setText(DurationText.format(duration));
                setGraphic(box);
            }
        });
        return column;
    }


    private static String status(SpanDiff row) {
        if (row.statusChanged()) {
            return row.statusA() + " → " + row.statusB();
        }
        boolean error = row.b() != null && row.b().isError() || row.a() != null && row.a().isError();
        return error ? "ERROR" : "";
    }

    private static String attributes(SpanDiff row) {
        StringBuilder text = new StringBuilder();
        for (AttributeChange change : row.attributeChanges()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(change.key()).append(": ").append(change.a() == null ? "–" : change.a()).append(" → ")
                    .append(change.b() == null ? "–" : change.b());
        }
        return text.toString();
    }

    static String signed(long nanos) {
        if (nanos == 0) {
            return "±0";
        }
        return (nanos > 0 ? "+" : "−") + DurationText.format(Math.abs(nanos));
    }
}
