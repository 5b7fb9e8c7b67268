package dev.otellab.ui.sli;

import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** New chart points go into a series in place: a point at a time already shown keeps its data object. */
class ChartPointsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void pointsAtKnownTimesKeepTheirDataAndTakeTheNewValue() {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        ChartPoints.update(series, List.of(point(10, 1), point(20, 2), point(30, 3)));
        XYChart.Data<Number, Number> twenty = series.getData().get(1);
        XYChart.Data<Number, Number> thirty = series.getData().get(2);

        ChartPoints.update(series, List.of(point(20, 2.5), point(30, 3), point(40, 4)));

        assertThat(series.getData()).extracting(data -> data.getXValue().doubleValue()).containsExactly(20.0, 30.0, 40.0);
        assertThat(series.getData()).extracting(data -> data.getYValue().doubleValue()).containsExactly(2.5, 3.0, 4.0);
        assertThat(series.getData().get(0)).isSameAs(twenty);
        assertThat(series.getData().get(1)).isSameAs(thirty);
    }

    @Test
    void aGapFilledAndAPointGoneKeepTheTimeOrder() {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        ChartPoints.update(series, List.of(point(10, 1), point(30, 3), point(40, 4)));
        XYChart.Data<Number, Number> forty = series.getData().get(2);

        ChartPoints.update(series, List.of(point(10, 1), point(20, 2), point(40, 5)));

        assertThat(series.getData()).extracting(data -> data.getXValue().doubleValue()).containsExactly(10.0, 20.0, 40.0);
        assertThat(series.getData().get(2)).isSameAs(forty);
        assertThat(forty.getYValue().doubleValue()).isEqualTo(5.0);

        ChartPoints.update(series, List.of());
        assertThat(series.getData()).isEmpty();
    }

    private static SliChartData.Point point(long seconds, double value) {
        return new SliChartData.Point(seconds * SECOND, value);
    }
}
