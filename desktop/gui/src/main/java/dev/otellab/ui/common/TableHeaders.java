package dev.otellab.ui.common;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableView;

/**
 * Keeps a table's column headers over their columns. When the first rows bring a vertical scroll
 * bar, a constrained resize policy narrows the columns during the layout pass after the header
 * row was laid out; JavaFX marks the header row for layout but has already cleaned its parents,
 * so the headers keep the old widths (cells and headers apart by the scroll bar's width) until
 * something else lays the table out. After each layout pass, a header row left waiting is laid
 * out at once, before the frame is drawn.
 */
public final class TableHeaders {
    private TableHeaders() {
    }

    public static void keepAligned(TableView<?> table) {
        Runnable layOutWaitingHeaders = () -> {
            Node headers = table.lookup(".column-header-background"); // the skin's TableHeaderRow
            if (headers instanceof Parent row && row.isNeedsLayout()) {
                row.layout();
            }
        };
        table.sceneProperty().addListener((observable, was, is) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(layOutWaitingHeaders);
            }
            if (is != null) {
                is.addPostLayoutPulseListener(layOutWaitingHeaders);
            }
        });
        Scene scene = table.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(layOutWaitingHeaders);
        }
    }
}
