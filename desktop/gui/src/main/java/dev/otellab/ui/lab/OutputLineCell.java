package dev.otellab.ui.lab;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of lab-backend's output: wrapped at the list's width (no sideways scrolling), its
 * trace ids links that open the trace, errors and warnings coloured.
 */
final class OutputLineCell extends ListCell<String> {
    /** A W3C trace id: 32 hex digits, not part of a longer hex run. */
    static final Pattern TRACE_ID = Pattern.compile("(?<![0-9a-fA-F])[0-9a-f]{32}(?![0-9a-fA-F])");

    private final Consumer<String> openTrace;
    private final TextFlow flow = new TextFlow();

    OutputLineCell(Consumer<String> openTrace) {
        this.openTrace = openTrace;
        // as wide as the list, never wider: the flow wraps inside it
        setPrefWidth(0);
        flow.getStyleClass().add("output-line");
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        getStyleClass().removeAll("output-error", "output-warn");
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        switch (BackendOutputLine.levelOf(item)) {
            case ERROR -> getStyleClass().add("output-error");
            case WARN -> getStyleClass().add("output-warn");
            default -> { }
        }
        flow.getChildren().setAll(pieces(item));
        setGraphic(flow);
    }

    /**
     * The wrapped line's height at the list's width: the list asks before the cell has a width
     * (width -1), and a guess there would make it lay out too many or too few cells.
     */
    @Override
    protected double computePrefHeight(double width) {
        double available = width > 0 ? width : getListView() == null ? 0 : getListView().getWidth() - SCROLL_BAR;
        if (getGraphic() == null || available <= 0) {
            return super.computePrefHeight(width);
        }
        return snappedTopInset() + flow.prefHeight(available - snappedLeftInset() - snappedRightInset()) + snappedBottomInset();
    }

    private static final double SCROLL_BAR = 16;

    private List<Node> pieces(String line) {
        List<Node> pieces = new ArrayList<>();
        Matcher ids = TRACE_ID.matcher(line);
        int from = 0;
        while (ids.find()) {
            if (ids.start() > from) {
                pieces.add(text(line.substring(from, ids.start())));
            }
            String id = ids.group();
            Hyperlink link = new Hyperlink(id);
            link.getStyleClass().addAll("trace-link", "output-trace-link");
            link.setOnAction(event -> openTrace.accept(id));
            pieces.add(link);
            from = ids.end();
        }
        if (from < line.length()) {
            pieces.add(text(line.substring(from)));
        }
        return pieces;
    }

    private static Text text(String part) {
        Text text = new Text(part);
        text.getStyleClass().add("output-text");
        return text;
    }
}
