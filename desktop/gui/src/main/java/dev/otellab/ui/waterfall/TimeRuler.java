package dev.otellab.ui.waterfall;

import dev.otellab.presentation.DurationText;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * The time axis over the waterfall's bars: a tick and a label at 0, ¼, ½, ¾ and the whole
 * trace duration, aligned with the bar column of the rows below; where the column is too narrow
 * for five labels side by side, only 0, ½ and the whole (or 0 and the whole) are shown.
 */
final class TimeRuler extends Region {
    static final int TICKS = 4;

    private final ObservableDoubleValue nameColumnWidth;
    private final Label heading = new Label("Service & operation");
    private final List<Label> labels = new ArrayList<>();
    private final List<Region> ticks = new ArrayList<>();
    private final double rightInset;

    TimeRuler(ObservableDoubleValue nameColumnWidth, double rightInset) {
        this.nameColumnWidth = nameColumnWidth;
        this.rightInset = rightInset;
        getStyleClass().add("time-ruler");
        heading.getStyleClass().add("ruler-heading");
        getChildren().add(heading);
        for (int i = 0; i <= TICKS; i++) {
            Label label = new Label();
            label.getStyleClass().add("ruler-label");
            Region tick = new Region();
            tick.getStyleClass().add("ruler-tick");
            labels.add(label);
            ticks.add(tick);
            getChildren().addAll(tick, label);
        }
        setMinHeight(26);
        setPrefHeight(26);
        nameColumnWidth.addListener((observable, was, is) -> requestLayout());
    }

    void setDuration(long nanos) {
        for (int i = 0; i <= TICKS; i++) {
            labels.get(i).setText(DurationText.format(nanos * i / TICKS));
        }
        requestLayout();
    }

    /** How many intervals (4, 2 or 1) fit labels of {@code labelWidth} over {@code space} pixels without touching. */
    static int intervalsFitting(double space, double labelWidth) {
        for (int intervals = TICKS; intervals > 1; intervals /= 2) {
            // the inner labels are centred on their ticks, the outer ones stand inside: 1.5 labels per interval
            if (space / intervals >= 1.5 * labelWidth + LABEL_GAP) {
                return intervals;
            }
        }
        return 1;
    }

    private static final double LABEL_GAP = 16;

    @Override
    protected void layoutChildren() {
        double height = getHeight();
        double left = nameColumnWidth.get();
        double space = Math.max(1, getWidth() - left - 8 - rightInset);
        heading.resizeRelocate(8, 0, Math.max(0, left - 16), height);
        double widest = labels.stream().mapToDouble(label -> label.prefWidth(height)).max().orElse(0);
        int every = TICKS / intervalsFitting(space, widest);
        for (int i = 0; i <= TICKS; i++) {
            boolean shown = i % every == 0;
            ticks.get(i).setVisible(shown);
            labels.get(i).setVisible(shown);
            double x = left + space * i / TICKS;
            ticks.get(i).resizeRelocate(snapPositionX(x), height - 7, 1, 7);
            Label label = labels.get(i);
            double width = label.prefWidth(height);
            double labelX = i == 0 ? x + 3 : i == TICKS ? x - width - 3 : x - width / 2;
            label.resizeRelocate(labelX, 0, width, height - 6);
        }
    }
}
