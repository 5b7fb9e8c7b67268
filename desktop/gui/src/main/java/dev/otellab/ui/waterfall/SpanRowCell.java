package dev.otellab.ui.waterfall;

import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.ServiceColors;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/**
 * One waterfall line, reused by the list as it scrolls: the tree part (indent, expand arrow,
 * service color, name) in a column of fixed width, then the span's bar drawn to scale in the
 * rest of the line. Only the visible lines have cells, so a 10,000-span trace costs a screenful
 * of nodes.
 */
final class SpanRowCell extends ListCell<WaterfallRow> {
    static final double INDENT = 14;
    static final double ROW_HEIGHT = 24;

    private final RowGraphic graphic;

    SpanRowCell(ObservableDoubleValue nameColumnWidth, Consumer<WaterfallRow> onToggle) {
        graphic = new RowGraphic(nameColumnWidth);
        graphic.toggle.setOnMouseClicked(event -> {
            if (getItem() != null) {
                onToggle.accept(getItem());
                event.consume();
            }
        });
        getStyleClass().add("span-row");
        setText(null);
    }

    @Override
    protected void updateItem(WaterfallRow row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().removeAll("error-span", "critical", "match");
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        if (row.span().isError()) {
            getStyleClass().add("error-span");
        }
        if (row.onCriticalPath()) {
            getStyleClass().add("critical");
        }
        if (row.match()) {
            getStyleClass().add("match");
        }
        graphic.show(row);
        setGraphic(graphic);
    }

    /** Lays out its few children by hand: cheaper than nested boxes, and the bar needs exact math. */
    static final class RowGraphic extends Region {
        private static final javafx.css.PseudoClass INSIDE_BAR = javafx.css.PseudoClass.getPseudoClass("inside-bar");
        private final ObservableDoubleValue nameColumnWidth;
        final Label toggle = new Label();
        private final Region swatch = new Region();
        private final Label name = new Label();
        private final Region bar = new Region();
        private final Region criticalLine = new Region();
        private final Label duration = new Label();
        /** The whole name, for a name column too narrow for it. */
        private final javafx.scene.control.Tooltip fullName = new javafx.scene.control.Tooltip();
        private WaterfallRow row;

        RowGraphic(ObservableDoubleValue nameColumnWidth) {
            this.nameColumnWidth = nameColumnWidth;
            getStyleClass().add("span-row-graphic");
            toggle.getStyleClass().add("span-toggle");
            swatch.getStyleClass().add("service-swatch");
            name.getStyleClass().add("span-name");
            bar.getStyleClass().add("span-bar");
            criticalLine.getStyleClass().add("critical-line");
            duration.getStyleClass().add("span-duration");
            getChildren().addAll(toggle, swatch, name, bar, criticalLine, duration);
            name.setTooltip(fullName);
            duration.setTooltip(fullName);
            nameColumnWidth.addListener((observable, was, is) -> requestLayout());
        }

        void show(WaterfallRow shown) {
            this.row = shown;
            toggle.setText(shown.hasChildren() ? (shown.expanded() ? "▾" : "▸") : "");
            String color = ServiceColors.colorOf(shown.span().serviceName());
            swatch.setStyle("-fx-background-color: " + color + ";");
            bar.setStyle("-fx-background-color: " + color + ";");
            String prefix = shown.span().isError() ? "⚠ " : "";
            name.setText(prefix + shown.span().serviceName() + "  " + shown.span().name());
            fullName.setText(name.getText() + "\n" + DurationText.format(shown.span().durationNanos())
                    + "  ·  self " + DurationText.format(shown.selfTimeNanos()));
            duration.setText(DurationText.format(shown.span().durationNanos())
                    + "  ·  self " + DurationText.format(shown.selfTimeNanos()));
            criticalLine.setVisible(shown.onCriticalPath());
            requestLayout();
        }

        @Override
        protected double computePrefHeight(double width) {
            return ROW_HEIGHT;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 100;
        }

        @Override
        protected void layoutChildren() {
            if (row == null) {
                return;
            }
            double height = getHeight();
            double nameWidth = nameColumnWidth.get();
            double x = 6 + row.depth() * INDENT;
            // Deep trees: keep at least a little room for the name.
            x = Math.min(x, Math.max(6, nameWidth - 120));
            layoutInArea(toggle, x, 0, 14, height, 0, javafx.geometry.HPos.CENTER, javafx.geometry.VPos.CENTER);
            x += 14;
            swatch.resizeRelocate(x, (height - 12) / 2, 4, 12);
            x += 9;
            double nameSpace = Math.max(0, nameWidth - x - 8);
            layoutInArea(name, x, 0, nameSpace, height, 0, javafx.geometry.HPos.LEFT, javafx.geometry.VPos.CENTER);

            double barLeft = nameWidth;
            double barSpace = Math.max(1, getWidth() - nameWidth - 8);
            double barX = barLeft + row.bar().offset() * barSpace;
            double barWidth = Math.max(2, row.bar().width() * barSpace);
            double barHeight = height * 0.5;
            bar.resizeRelocate(snapPositionX(barX), snapPositionY((height - barHeight) / 2), snapSizeX(barWidth), snapSizeY(barHeight));
            // Under the bar, like an underline, so it never crosses a label drawn inside the bar.
            criticalLine.resizeRelocate(snapPositionX(barX), snapPositionY((height + barHeight) / 2 + 1), snapSizeX(barWidth), 2);
            // The duration goes after the bar, else before it, else inside it (on the bar's color).
            double labelWidth = duration.prefWidth(height);
            double afterBar = barX + barWidth + 6;
            double beforeBar = barX - labelWidth - 6;
            boolean inside = false;
            double labelX;
            if (afterBar + labelWidth <= getWidth()) {
                labelX = afterBar;
            } else if (beforeBar >= barLeft) {
                labelX = beforeBar;
            } else {
                inside = true;
                labelX = barX + 6;
            }
            duration.pseudoClassStateChanged(INSIDE_BAR, inside);
            layoutInArea(duration, labelX, 0, Math.max(0, Math.min(labelWidth, getWidth() - labelX)), height, 0,
                    javafx.geometry.HPos.LEFT, javafx.geometry.VPos.CENTER);
        }
    }
}
