package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.query.TimeRange;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What the SLIs view's four charts draw for one report: the time axis over the shown range, the
 * floor of the availability axis, and each chart's lines (a target as a flat line, last) with
 * how a value reads in a point's tooltip. Made by {@link #of}; the view only puts it on screen.
 */
public record SliCharts(TimeAxis time, double availabilityFloor, Chart availability, Chart rate, Chart errors,
                        Chart latency) {

    /** The x axis in seconds since the epoch, about six ticks; null while no report was shown. */
    public record TimeAxis(double lowerSeconds, double upperSeconds, double tickSeconds) {
    }

    /** One line of a chart; a target's points have no tooltip and no symbol. */
    public record Line(String name, List<SliChartData.Point> points, boolean target) {
        public Line {
            points = List.copyOf(points);
        }
    }

    /** A chart's lines in drawing order and how one of its values reads ("99.5%", "123 ms"). */
    public record Chart(List<Line> lines, DoubleFunction<String> format) {
        public Chart {
            lines = List.copyOf(lines);
        }

        public List<String> names() {
            return lines.stream().map(Line::name).toList();
        }
    }

    /** The availability axis always ends at exactly 100%. */
    public static final double AVAILABILITY_CEILING = 100;

    /**
     * The charts of {@code data} over {@code shown} (null before the first report), with the
     * target lines the SLO fields describe (none for a field that does not parse).
     */
    public static SliCharts of(SliChartData data, TimeRange shown, String availabilityTarget, String latencyTarget) {
        double availabilityGoal = targetValue(availabilityTarget, true);
        double latencyGoal = targetValue(latencyTarget, false);
        DoubleFunction<String> percent = value -> SloText.formatPercent(value / 100);
        return new SliCharts(
                shown == null ? null : new TimeAxis(shown.fromUnixNano() / 1e9, shown.toUnixNano() / 1e9,
                        Math.max(1, (shown.toUnixNano() - shown.fromUnixNano()) / 1e9 / 6)),
                availabilityFloor(data, availabilityGoal),
                new Chart(List.of(new Line("availability", data.availabilityPercent(), false),
                        new Line("target", targetPoints(availabilityGoal, shown), true)), percent),
                new Chart(List.of(new Line("requests/s", data.requestRate(), false)), SloText::formatRate),
                new Chart(List.of(new Line("5xx", data.errorPercent(), false)), percent),
                new Chart(List.of(new Line("p50", data.p50Millis(), false), new Line("p95", data.p95Millis(), false),
                        new Line("p99", data.p99Millis(), false),
                        new Line("p95 target", targetPoints(latencyGoal, shown), true)), SloText::formatMillis));
    }

    /** The availability axis's tick: about five between the floor and 100%. */
    public double availabilityTick() {
        return Math.max(1, (AVAILABILITY_CEILING - availabilityFloor) / 5);
    }

    /** Availability reads best from a little under its lowest point (or the target), on a multiple of 5. */
    private static double availabilityFloor(SliChartData data, double target) {
        double lowest = data.availabilityPercent().stream().mapToDouble(SliChartData.Point::value).min().orElse(100);
        if (Double.isFinite(target)) {
            lowest = Math.min(lowest, target);
        }
        return Math.max(0, Math.floor((lowest - 1) / 5) * 5);
    }

    /** The target as a flat line over the shown range; none when the target does not parse. */
    private static List<SliChartData.Point> targetPoints(double value, TimeRange shown) {
        if (shown == null || !Double.isFinite(value)) {
            return List.of();
        }
        return List.of(new SliChartData.Point(shown.fromUnixNano(), value), new SliChartData.Point(shown.toUnixNano(), value));
    }

    private static double targetValue(String text, boolean availabilityPercent) {
        try {
            return availabilityPercent ? SloText.parseAvailabilityPercent(text) : SloText.parseLatencyMillis(text);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
