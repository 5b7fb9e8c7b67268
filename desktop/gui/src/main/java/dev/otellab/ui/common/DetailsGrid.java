package dev.otellab.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The key/value grid of a details pane (span details, log record details). */
public final class DetailsGrid {
    private DetailsGrid() {
    }

    /** An empty grid: keys in a bounded left column, values taking the rest. */
    public static GridPane create() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("details-grid");
        grid.setHgap(12);
        grid.setVgap(3);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(90);
        keys.setMaxWidth(200);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(60);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    /**
     * A key on one line: never broken mid-word; a key longer than its column is shortened in the
     * middle (its start and end stay readable) and shown whole in its tooltip.
     */
    public static Label key(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("details-key");
        label.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        label.setTooltip(new javafx.scene.control.Tooltip(text));
        return label;
    }

    public static Label value(String text) {
        return wrapped(text, "details-value");
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }
}
