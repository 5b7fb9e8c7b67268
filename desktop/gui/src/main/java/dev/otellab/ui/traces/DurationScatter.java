package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.presentation.DurationText;
import dev.otellab.presentation.TimeText;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * Jaeger's duration-over-time plot: one dot per trace, errors in red; a click on a dot opens
 * the trace. Drawn on one canvas, so a few hundred dots cost one node.
 */
public final class DurationScatter extends Region {
    static final Color DOT = Color.web("#4e79a7", 0.75);
    static final Color ERROR_DOT = Color.web("#e15759", 0.9);
    private static final Color AXIS = Color.web("#8a8f98");

    private final Canvas canvas = new Canvas();
    private final ObservableList<TraceSummary> traces;
    private final ZoneId zone;
    private final Tooltip tooltip = new Tooltip();
    private ScatterLayout layout = ScatterLayout.of(java.util.List.of(), 0, 0);
    private TraceSummary hovered;

    public DurationScatter(ObservableList<TraceSummary> traces, ZoneId zone, Consumer<TraceSummary> onOpen) {
        this.traces = traces;
        this.zone = zone;
        getStyleClass().add("duration-scatter");
        getChildren().add(canvas);
        setMinHeight(120);
        setPrefHeight(180);
        traces.addListener((ListChangeListener<TraceSummary>) change -> redraw());
        widthProperty().addListener((observable, was, is) -> redraw());
        heightProperty().addListener((observable, was, is) -> redraw());
        canvas.setOnMouseClicked(event -> layout.hit(event.getX(), event.getY()).ifPresent(onOpen));
        Tooltip.install(canvas, tooltip);
        tooltip.setShowDelay(javafx.util.Duration.millis(150));
        canvas.setOnMouseMoved(event -> {
            TraceSummary hit = layout.hit(event.getX(), event.getY()).orElse(null);
            canvas.setCursor(hit != null ? javafx.scene.Cursor.HAND : javafx.scene.Cursor.DEFAULT);
            if (hit != hovered) {
                hovered = hit;
                tooltip.setText(hit == null ? "" : hit.rootService() + ": " + hit.rootName() + "\n"
                        + DurationText.format(hit.durationNanos()) + ", " + hit.spanCount() + " spans"
                        + (hit.hasErrors() ? ", " + hit.errorCount() + " errors" : "") + "\nclick to open");
                if (hit == null) {
                    tooltip.hide();
                }
            }
        });
        // No tooltip over empty plot area.
        tooltip.setOnShowing(event -> {
            if (hovered == null) {
                javafx.application.Platform.runLater(tooltip::hide);
            }
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        canvas.relocate(0, 0);
    }

    /** The current dots, for tests. */
    public ScatterLayout currentLayout() {
        return layout;
    }

    private void redraw() {
        double width = getWidth();
        double height = getHeight();
        canvas.setWidth(width);
        canvas.setHeight(height);
        layout = ScatterLayout.of(traces, width, height);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        double left = ScatterLayout.LEFT;
        double bottom = height - ScatterLayout.BOTTOM;
        double right = width - ScatterLayout.RIGHT;
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(left, ScatterLayout.TOP, left, bottom);
        g.strokeLine(left, bottom, right, bottom);
        g.setFill(AXIS);
        g.setFont(Font.font(11));
        if (traces.isEmpty()) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Durations over time appear here after a search", (left + right) / 2, (ScatterLayout.TOP + bottom) / 2);
            return;
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 2; i++) {
            double y = ScatterLayout.TOP + (bottom - ScatterLayout.TOP) * i / 2.0;
            long value = layout.maxDurationNanos() * (2 - i) / 2;
            g.fillText(DurationText.format(value), left - 6, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(TimeText.time(layout.fromNanos(), zone), left, bottom + 5);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(TimeText.time(layout.toNanos(), zone), right, bottom + 5);
        for (ScatterLayout.Dot dot : layout.dots()) {
            boolean error = dot.trace().hasErrors();
            double radius = Math.min(9, 3.5 + Math.log10(Math.max(1, dot.trace().spanCount())) * 1.5);
            g.setFill(error ? ERROR_DOT : DOT);
            g.fillOval(dot.x() - radius, dot.y() - radius, radius * 2, radius * 2);
        }
    }
}
