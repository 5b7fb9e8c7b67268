package dev.otellab.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A stack trace or a multi-line log body: monospace, lines kept as they are (a long line scrolls
 * sideways instead of breaking anywhere), with a Copy button above it.
 */
public final class CodeBlock {
    private CodeBlock() {
    }

    /**
     * @param id        the text area's id
     * @param maxRows   the most rows it shows before it scrolls
     */
    public static VBox of(String text, String id, int maxRows) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setId(id);
        area.getStyleClass().add("stack-trace");
        // one line of text wraps at the width; several lines stay as written (a stack trace's frames)
        area.setWrapText(text.lines().count() <= 1);
        area.setPrefRowCount(Math.max(2, Math.min(maxRows, (int) text.lines().count() + 1)));
        Button copy = new Button("Copy");
        copy.getStyleClass().add("copy-button");
        copy.setId(id + "-copy");
        copy.setTooltip(new Tooltip("Copy the whole text"));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox bar = new HBox(copy);
        bar.setAlignment(Pos.CENTER_RIGHT);
        return new VBox(2, bar, area);
    }
}
