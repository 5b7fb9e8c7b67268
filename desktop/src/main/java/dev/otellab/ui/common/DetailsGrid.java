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
        keys.setMinWidth(110);
        keys.setMaxWidth(240);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(60);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    public static Label key(String text) {
        return wrapped(text, "details-key");
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
