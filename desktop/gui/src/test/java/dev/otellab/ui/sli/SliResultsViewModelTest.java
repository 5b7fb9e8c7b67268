package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.shell.RecordingNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SLIs view shows of a report (charts, summary, table cells, tooltips), without a screen. */
class SliResultsViewModelTest {
    private static final long SECOND = 1_000_000_000L;

    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final SliViewModelTest.Known known = new SliViewModelTest.Known();
    private final SliViewModel model = new SliViewModel(known, known, TestExecutors.direct(timer), new RecordingNavigator());
    private final SliResultsViewModel results = new SliResultsViewModel(model, ZoneOffset.UTC);

    @AfterEach
    void stopTimer() {
        model.close();
        timer.shutdownNow();
    }

    @Test
    void aReportBecomesFourChartsWithTheTargetsAsFlatLinesOverTheShownRange() {
        model.refresh();

        SliCharts charts = results.chartsProperty().get();
        TimeRange shown = model.shownRangeProperty().get();
        assertThat(charts.time().lowerSeconds()).isEqualTo(shown.fromUnixNano() / 1e9);
        assertThat(charts.time().upperSeconds()).isEqualTo(shown.toUnixNano() / 1e9);
        assertThat(charts.availability().names()).containsExactly("availability", "target");
        assertThat(charts.latency().names()).containsExactly("p50", "p95", "p99", "p95 target");
        assertThat(charts.rate().names()).containsExactly("requests/s");
        assertThat(charts.errors().names()).containsExactly("5xx");
        SliCharts.Line target = charts.availability().lines().get(1);
        assertThat(target.target()).isTrue();
        assertThat(target.points()).extracting(SliChartData.Point::value).containsExactly(99.0, 99.0);
        assertThat(target.points()).extracting(SliChartData.Point::timeUnixNano)
                .containsExactly(shown.fromUnixNano(), shown.toUnixNano());
        assertThat(charts.latency().lines().get(3).points()).extracting(SliChartData.Point::value).containsOnly(500.0);
        assertThat(charts.availability().format().apply(99.5)).isEqualTo("99.5 %");
        // the lowest availability is 80%: the axis starts a little under it, on a multiple of 5
        assertThat(charts.availabilityFloor()).isEqualTo(75);
        assertThat(charts.availabilityTick()).isEqualTo(5);
    }

    @Test
    void aTargetThatDoesNotParseDrawsNoLineAndAnEmptyReportAFullAxis() {
        SliCharts charts = SliCharts.of(SliChartData.EMPTY, new TimeRange(0, 60 * SECOND), "lots", "500");

        assertThat(charts.availability().lines().get(1).points()).isEmpty();
        assertThat(charts.latency().lines().get(3).points()).hasSize(2);
        assertThat(charts.availabilityFloor()).isEqualTo(95);
        assertThat(charts.time().tickSeconds()).isEqualTo(10);
        assertThat(SliCharts.of(SliChartData.EMPTY, null, "99", "500").time()).isNull();
    }

    @Test
    void theSummaryTellsTheChosenRoutesNumbersAndHealth() {
        assertThat(results.availabilityHealthProperty().get()).as("no style before the first report").isNull();

        model.refresh();

        assertThat(results.availabilityTextProperty().get()).startsWith("availability ");
        assertThat(results.latencyTextProperty().get()).isEqualTo("p95 800 ms");
        assertThat(results.budgetTextProperty().get()).startsWith("error budget left ").contains(", burn rate ");
        assertThat(results.availabilityHealthProperty().get()).isEqualTo(SloHealth.RED);

        model.routeProperty().set("GET /api/tasks");

        assertThat(results.availabilityHealthProperty().get()).isEqualTo(SloHealth.GREEN);
        assertThat(results.latencyTextProperty().get()).isEqualTo("p95 30.0 ms");
    }

    @Test
    void routesTableCellsAndTooltipsReadAsTheViewShowsThem() {
        assertThat(SliResultsViewModel.routeLabel(SliSeries.ALL_ROUTES)).isEqualTo("All routes");
        assertThat(SliResultsViewModel.routeLabel(null)).isEqualTo("All routes");
        assertThat(SliResultsViewModel.routeLabel("GET /api/tasks")).isEqualTo("GET /api/tasks");
        assertThat(SliResultsViewModel.routeOf("All routes")).isEqualTo(SliSeries.ALL_ROUTES);
        assertThat(SliResultsViewModel.routeOf("GET /api/tasks")).isEqualTo("GET /api/tasks");

        SloStatus none = new SloStatus("lab-backend", "", SloTargets.DEFAULT, 0, Double.NaN, Double.NaN, 1, 0,
                SloHealth.NO_DATA, SloHealth.NO_DATA);
        assertThat(SliResultsViewModel.budgetLeftText(none)).isEqualTo("–");
        assertThat(SliResultsViewModel.burnRateText(none)).isEqualTo("–");
        assertThat(SliResultsViewModel.healthReason(none)).isEmpty();
        SloStatus failing = new SloStatus("lab-backend", "GET /api/reports/overdue", SloTargets.DEFAULT, 1, 0, 5, -99, 100,
                SloHealth.RED, SloHealth.GREEN);
        assertThat(SliResultsViewModel.healthReason(failing)).isEqualTo(
                "Availability: " + SloText.healthText(SloHealth.RED).toLowerCase(java.util.Locale.ROOT) + " (target 99.0 %)"
                        + "; p95: " + SloText.healthText(SloHealth.GREEN).toLowerCase(java.util.Locale.ROOT)
                        + " (target 500 ms)");
        assertThat(SliResultsViewModel.p95Text(failing)).isEqualTo("5.0 ms");

        TraceSummary failed = new TraceSummary("a".repeat(32), "lab-backend", "GET /api/tasks", 0, 900_000_000L, 3, 2,
                java.util.Set.of("lab-backend"));
        assertThat(SliResultsViewModel.traceErrorsText(failed)).isEqualTo("⚠ 2");
        assertThat(SliResultsViewModel.traceDurationText(failed)).isEqualTo(dev.otellab.presentation.DurationText.format(900_000_000L));
        assertThat(results.traceStartText(failed)).isEqualTo(dev.otellab.presentation.TimeText.time(0, ZoneOffset.UTC));
        assertThat(results.pointText("p95", 12 * 3600 + 5, 123, SloText::formatMillis)).isEqualTo("p95 123 ms at 12:00:05");
        assertThat(results.axisTime(0)).isEqualTo("00:00:00");
    }

    @Test
    void aClickedLatencyPointListsItsTraces() {
        model.refresh();
        long clicked = SliViewModelTest.Known.FROM + 20 * SECOND;

        results.latencyPointClicked(clicked / 1e9 + 3, 900);

        assertThat(model.windowTraces()).isNotEmpty();
        assertThat(known.lastSearchRange).isEqualTo(new TimeRange(clicked, clicked + 10 * SECOND));
    }
}
