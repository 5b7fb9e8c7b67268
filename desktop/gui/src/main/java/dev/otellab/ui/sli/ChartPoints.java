package dev.otellab.ui.sli;

import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts new chart points into a series in place: a point at a time the series already shows keeps
 * its {@link XYChart.Data} (so its symbol, tooltip and the mouse on it stay) and only takes the
 * new value; points that left the range go, new ones are inserted in time order.
 */
final class ChartPoints {
    private ChartPoints() {
    }

    /** {@code points} are in time order, as {@link SliChartData} gives them; x is in seconds. */
    static void update(XYChart.Series<Number, Number> series, List<SliChartData.Point> points) {
        ObservableList<XYChart.Data<Number, Number>> shown = series.getData();
        int next = 0;
        List<XYChart.Data<Number, Number>> gone = new ArrayList<>();
        for (XYChart.Data<Number, Number> data : shown) {
            double x = data.getXValue().doubleValue();
            while (next < points.size() && seconds(points.get(next)) < x) {
                next++;
            }
            if (next < points.size() && seconds(points.get(next)) == x) {
                double value = points.get(next).value();
                if (data.getYValue().doubleValue() != value) {
                    data.setYValue(value);
                }
                next++;
            } else {
                gone.add(data);
            }
        }
        if (!gone.isEmpty()) {
            shown.removeAll(gone);
        }
        int index = 0;
        for (SliChartData.Point point : points) {
            double x = seconds(point);
            while (index < shown.size() && shown.get(index).getXValue().doubleValue() < x) {
                index++;
            }
            if (index == shown.size() || shown.get(index).getXValue().doubleValue() != x) {
                shown.add(index, new XYChart.Data<>(x, point.value()));
            }
            index++;
        }
    }

    private static double seconds(SliChartData.Point point) {
        return point.timeUnixNano() / 1e9;
    }
}
