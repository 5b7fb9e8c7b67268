package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.shell.Navigator;
import dev.otellab.telemetry.query.LogFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SLIs view model without a screen: step choice, targets, health, chart series, click to traces. */
class SliViewModelTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long NOW = TimeRange.toNanos(TestExecutors.CLOCK.instant());

    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final Known known = new Known();
    private final List<String> opened = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void showTrace(String traceId) {
            opened.add(traceId);
        }

        @Override
        public void showLogs(LogFilter filter) {
        }

        @Override
        public void showLab() {
        }
    };
    private final SliViewModel model = new SliViewModel(known, known, TestExecutors.direct(timer), navigator);

    @AfterEach
    void stopTimer() {
        model.close();
        timer.shutdownNow();
    }

    @Test
    void theAutomaticStepGivesSixtyToOneHundredTwentyPoints() {
        assertThat(SliViewModel.autoStep(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(SliViewModel.autoStep(Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(10));
        assertThat(SliViewModel.autoStep(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
        assertThat(SliViewModel.autoStep(Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(5));
        assertThat(SliViewModel.autoStep(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(15));
        for (TimeRangeChoice choice : List.of(TimeRangeChoice.LAST_5_MINUTES, TimeRangeChoice.LAST_15_MINUTES,
                TimeRangeChoice.LAST_HOUR, TimeRangeChoice.LAST_6_HOURS, TimeRangeChoice.LAST_24_HOURS)) {
            Duration length = choice.resolve(TestExecutors.CLOCK, "", "").length().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            long points = SliViewModel.ceilDiv(length.toNanos(), SliViewModel.autoStep(length).toNanos());
            assertThat(points).as(choice.label()).isBetween(60L, 120L);
        }
    }

    @Test
    void theStepCanBeOverriddenWithinReason() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        assertThat(model.stepTextProperty().get()).isEqualTo("Auto step 30 s (120 points)");

        model.stepOverrideProperty().set("1m");
        assertThat(model.stepErrorProperty().get()).isEmpty();
        assertThat(model.step(model.timeRange())).isEqualTo(Duration.ofMinutes(1));
        assertThat(model.stepTextProperty().get()).startsWith("Step 1 m");

        model.stepOverrideProperty().set("fast");
        assertThat(model.stepErrorProperty().get()).contains("not a duration");
        assertThat(model.canQueryProperty().get()).isFalse();

        model.stepOverrideProperty().set("1s");
        assertThat(model.stepErrorProperty().get()).contains("3600 points");

        model.stepOverrideProperty().set("500ms");
        assertThat(model.stepErrorProperty().get()).contains("at least 1s");
    }

    @Test
    void aCustomRangeNeedsAStartAndEndsNowWithoutAnEnd() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.CUSTOM);
        assertThat(model.rangeErrorProperty().get()).contains("start of the custom range");
        assertThat(model.validTimeRange()).isEmpty();

        model.timeRangeForm().customFromProperty().set("2026-11-25 09:00");
        assertThat(model.rangeErrorProperty().get()).isEmpty();
        assertThat(model.validTimeRange()).contains(model.timeRange());
        assertThat(model.timeRange().toUnixNano()).isEqualTo(NOW);
        assertThat(model.timeRange().length()).isEqualTo(Duration.ofMinutes(30));
        assertThat(model.queryRange(model.timeRange(), Duration.ofMinutes(1))).as("a custom range is kept")
                .isEqualTo(model.timeRange());
    }

    @Test
    void lastMinutesEndAtAStepBoundary() {
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_15_MINUTES);
        TimeRange raw = new TimeRange(NOW - 900 * SECOND + 3 * SECOND, NOW + 3 * SECOND + 1);

        TimeRange aligned = model.queryRange(raw, Duration.ofSeconds(10));

        assertThat(aligned).isEqualTo(new TimeRange(NOW - 900 * SECOND, NOW));
    }

    @Test
    void targetsAreValidated() {
        assertThat(model.targets()).isEqualTo(SloTargets.DEFAULT);

        model.availabilityTargetProperty().set("100");
        assertThat(model.availabilityErrorProperty().get()).contains("below 100");
        model.availabilityTargetProperty().set("ninety");
        assertThat(model.availabilityErrorProperty().get()).contains("is a number");
        model.latencyTargetProperty().set("-5");
        assertThat(model.latencyErrorProperty().get()).contains("positive");
        assertThat(model.canQueryProperty().get()).isFalse();

        model.refresh();
        assertThat(model.errorMessageProperty().get()).isNotEmpty();
        assertThat(known.sliCalls).isZero();

        model.availabilityTargetProperty().set("99.9 %");
        model.latencyTargetProperty().set("250 ms");
        assertThat(model.canQueryProperty().get()).isTrue();
        assertThat(model.targets().availability()).isCloseTo(0.999, within(1e-9));
        assertThat(model.targets().p95LatencyMillis()).isEqualTo(250);
    }

    @Test
    void healthHasAColorAndAWord() {
        assertThat(SloHealthStyle.healthStyle(SloHealth.GREEN)).isEqualTo("health-green");
        assertThat(SloHealthStyle.healthStyle(SloHealth.AMBER)).isEqualTo("health-amber");
        assertThat(SloHealthStyle.healthStyle(SloHealth.RED)).isEqualTo("health-red");
        assertThat(SloHealthStyle.healthStyle(SloHealth.NO_DATA)).isEqualTo("health-no_data");
        assertThat(SloText.healthText(SloHealth.RED)).isEqualTo("Missed");
        assertThat(SloHealthStyle.healthColor(SloHealth.GREEN)).isEqualTo("#2e7d32");
        assertThat(SloText.formatPercent(0.975)).isEqualTo("97.5 %");
        assertThat(SloText.formatPercent(Double.NaN)).isEqualTo("–");
        assertThat(SloText.formatBurnRate(2.5)).isEqualTo("2.50×");
    }

    @Test
    void chartSeriesLeaveGapsWhereNothingWasMeasured() {
        SliSeries series = Known.series("");

        SliChartData data = SliChartData.of(series);

        assertThat(data.availabilityPercent()).extracting(SliChartData.Point::value).containsExactly(100.0, 80.0);
        assertThat(data.errorPercent()).extracting(SliChartData.Point::value).containsExactly(0.0, 20.0);
        assertThat(data.requestRate()).extracting(SliChartData.Point::value).containsExactly(1.0, 0.0, 0.5);
        assertThat(data.p95Millis()).extracting(SliChartData.Point::timeUnixNano)
                .containsExactly(Known.FROM, Known.FROM + 20 * SECOND);
        assertThat(data.p99Millis()).extracting(SliChartData.Point::value).containsExactly(30.0, 900.0);
        assertThat(SliChartData.of(null).isEmpty()).isTrue();
    }

    @Test
    void refreshPicksTheServiceAndShowsOverallThenRoutes() {
        model.refresh();

        assertThat(model.serviceProperty().get()).isEqualTo("lab-backend");
        assertThat(model.services()).containsExactly("checkout", "lab-backend");
        assertThat(model.routes()).containsExactly("", "GET /api/tasks", "GET /api/reports/overdue");
        assertThat(model.statuses()).extracting(SloStatus::route).containsExactly("", "GET /api/tasks", "GET /api/reports/overdue");
        assertThat(model.chartDataProperty().get().availabilityPercent()).hasSize(2);
        assertThat(model.selectedStatusProperty().get().route()).isEmpty();
        assertThat(known.lastStep).isEqualTo(Duration.ofSeconds(10));
        assertThat(known.lastTargets).isEqualTo(SloTargets.DEFAULT);

        model.routeProperty().set("GET /api/reports/overdue");

        assertThat(model.selectedStatusProperty().get().overall()).isEqualTo(SloHealth.RED);
        assertThat(model.chartDataProperty().get().availabilityPercent()).extracting(SliChartData.Point::value)
                .containsExactly(0.0);
    }

    @Test
    void withoutAnyServiceTheViewSaysWhatToDo() {
        known.services = List.of();

        model.refresh();

        assertThat(model.reportProperty().get()).isNull();
        assertThat(model.errorMessageProperty().get()).contains("start the lab");
        assertThat(model.chartDataProperty().get().isEmpty()).isTrue();
    }

    @Test
    void aClickedLatencyPointListsTheTracesOfItsStep() {
        model.refresh();
        long clicked = Known.FROM + 20 * SECOND;

        model.selectPoint(clicked + 3 * SECOND, 900);

        TimeRange window = known.lastSearchRange;
        assertThat(window).isEqualTo(new TimeRange(clicked, clicked + 10 * SECOND));
        assertThat(known.lastCriteria.service()).isEqualTo("lab-backend");
        assertThat(known.lastCriteria.minDuration()).isEqualTo(Duration.ofMillis(720));
        assertThat(model.windowTraces()).extracting(TraceSummary::traceId).containsExactly("a".repeat(32));
        assertThat(model.windowTextProperty().get()).contains("at least 720 ms");

        model.openTrace(model.windowTraces().get(0));
        assertThat(opened).containsExactly("a".repeat(32));
    }

    @Test
    void aClickOnARoutesChartSearchesThatRoute() {
        model.refresh();
        model.routeProperty().set("GET /api/tasks");

        model.selectPoint(Known.FROM, 0.4);

        assertThat(known.lastCriteria.attributes()).containsEntry("http.route", "GET /api/tasks");
        assertThat(known.lastCriteria.minDuration()).as("no bound under a millisecond").isNull();
    }

    @Test
    void windowsAreClippedToTheReport() {
        SliReport report = new SliReport(0, 25 * SECOND, 10 * SECOND, Known.series(""), List.of());

        assertThat(SliViewModel.windowOf(21 * SECOND, report)).isEqualTo(new TimeRange(20 * SECOND, 25 * SECOND));
        assertThat(SliViewModel.windowOf(0, report)).isEqualTo(new TimeRange(0, 10 * SECOND));
        assertThat(SliViewModel.minDurationFor(Double.NaN)).isNull();
    }

    @Test
    void theFormIsRememberedAndABadSavedTargetFallsBack() {
        model.serviceProperty().set("checkout");
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        model.stepOverrideProperty().set("1m");
        model.availabilityTargetProperty().set("99.5");
        model.latencyTargetProperty().set("300");
        Map<String, String> saved = model.saveState();
        int callsBefore = known.sliCalls;

        SliViewModel again = new SliViewModel(known, known, TestExecutors.direct(timer), navigator);
        again.restoreState(saved);

        assertThat(again.serviceProperty().get()).isEqualTo("checkout");
        assertThat(again.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_HOUR);
        assertThat(again.stepOverrideProperty().get()).isEqualTo("1m");
        assertThat(again.targets()).isEqualTo(new SloTargets(0.995, 300));

        again.restoreState(Map.of("availabilityTarget", "120", "range", "ANY_TIME", "rangeChosen", "true"));
        assertThat(again.availabilityTargetProperty().get()).isEqualTo("99");
        assertThat(again.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAB_RUN);
        assertThat(known.sliCalls).as("restoring queries nothing").isEqualTo(callsBefore);
    }

    @Test
    void theChartsShowTheLabRunUntilTheUserPicksARange() {
        AtomicReference<Optional<LabRunSpan.Run>> run = new AtomicReference<>(Optional.empty());
        SliViewModel following = new SliViewModel(known, known, TestExecutors.direct(timer), navigator, run::get);
        Instant now = TestExecutors.CLOCK.instant();

        assertThat(following.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAB_RUN);
        assertThat(following.timeRange()).as("before any run").isEqualTo(TimeRangeChoice.LAST_15_MINUTES.resolve(TestExecutors.CLOCK, "", ""));
        assertThat(following.stepTextProperty().get()).endsWith("the last 15 minutes: the lab has not run in this window");

        run.set(Optional.of(new LabRunSpan.Run(now.minusSeconds(200), Optional.empty())));
        following.refresh();
        assertThat(following.timeRange()).isEqualTo(TimeRange.between(now.minusSeconds(200), now));
        assertThat(known.lastRange.fromUnixNano()).as("the query starts at or before the lab's start")
                .isLessThanOrEqualTo(TimeRange.toNanos(now.minusSeconds(200)))
                .isGreaterThan(TimeRange.toNanos(now.minusSeconds(200)) - known.lastStep.toNanos());
        assertThat(known.lastStep).isEqualTo(Duration.ofSeconds(2));
        assertThat(following.stepTextProperty().get()).isEqualTo("Auto step 2 s (100 points), since the lab started at 09:26:40");

        run.set(Optional.of(new LabRunSpan.Run(now.minusSeconds(10), Optional.empty())));
        assertThat(following.timeRange()).as("a run of seconds still shows a minute")
                .isEqualTo(TimeRange.between(now.minusSeconds(60), now));
        run.set(Optional.of(new LabRunSpan.Run(now.minusSeconds(600), Optional.of(now.minusSeconds(300)))));
        assertThat(following.timeRange()).as("a stopped run ends a little after its stop")
                .isEqualTo(TimeRange.between(now.minusSeconds(600), now.minusSeconds(270)));

        Map<String, String> untouched = following.saveState();
        following.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        Map<String, String> picked = following.saveState();
        SliViewModel next = new SliViewModel(known, known, TestExecutors.direct(timer), navigator, run::get);
        next.restoreState(Map.of("range", "LAST_15_MINUTES"));
        assertThat(next.timeRangeForm().choiceProperty().get()).as("an old default gives way to the lab run").isEqualTo(TimeRangeChoice.LAB_RUN);
        next.restoreState(untouched);
        assertThat(next.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAB_RUN);
        next.restoreState(picked);
        assertThat(next.timeRangeForm().choiceProperty().get()).as("the user's pick is kept").isEqualTo(TimeRangeChoice.LAST_HOUR);
        following.close();
        next.close();
    }

    @Test
    void anExercisesWindowIsShownAsACustomRangeOfWholeSeconds() {
        TimeRange scenario = new TimeRange(NOW - 40 * SECOND + 300_000_000L, NOW - 5 * SECOND + 200_000_000L);

        model.showWindow("lab-backend", scenario, Duration.ofSeconds(5));

        assertThat(model.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.CUSTOM);
        assertThat(model.timeRangeForm().customFromProperty().get()).isEqualTo("2026-11-25 09:29:20");
        assertThat(model.timeRangeForm().customToProperty().get()).isEqualTo("2026-11-25 09:29:56");
        assertThat(known.lastRange).isEqualTo(new TimeRange(NOW - 40 * SECOND, NOW - 4 * SECOND));
        assertThat(model.serviceProperty().get()).isEqualTo("lab-backend");
        assertThat(known.lastStep).as("the step the exercise's checks use").isEqualTo(Duration.ofSeconds(5));
        assertThat(model.saveState()).containsEntry("rangeChosen", "true");
    }

    @Test
    void aPointUnderTheMouseHoldsAutoRefresh() {
        model.visibleProperty().set(true);
        model.pointHoveredProperty().set(true);
        model.autoRefreshTick();
        assertThat(known.sliCalls).isZero();

        model.pointHoveredProperty().set(false);
        model.autoRefreshTick();
        assertThat(known.sliCalls).isEqualTo(1);
    }

    @Test
    void autoRefreshAsksAgainOnlyWhileVisible() {
        model.autoRefreshTick();
        assertThat(known.sliCalls).isZero();

        model.visibleProperty().set(true);
        model.autoRefreshTick();
        assertThat(known.sliCalls).isEqualTo(1);

        model.autoRefreshProperty().set(false);
        model.autoRefreshTick();
        assertThat(known.sliCalls).isEqualTo(1);
    }

    /** A service with two routes over a known 30 s report, and one trace. */
    static final class Known implements SliSource, TraceSource {
        static final long FROM = NOW - 30 * SECOND;

        List<String> services = List.of("checkout", "lab-backend");
        int sliCalls;
        Duration lastStep;
        SloTargets lastTargets;
        TraceSearchCriteria lastCriteria;
        TimeRange lastSearchRange;
        TimeRange lastRange;

        static SliSeries series(String route) {
            SliPoint first = new SliPoint(FROM, 10, 0, 1.0, 0, 1, 10, 20, 30);
            SliPoint empty = new SliPoint(FROM + 10 * SECOND, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            SliPoint third = new SliPoint(FROM + 20 * SECOND, 5, 1, 0.5, 0.2, 0.8, 100, 800, 900);
            SliPoint total = new SliPoint(FROM, 15, 1, 0.5, 1 / 15.0, 14 / 15.0, 10, 800, 900);
            if (route.equals("GET /api/reports/overdue")) {
                SliPoint failing = new SliPoint(FROM + 20 * SECOND, 1, 1, 0.1, 1, 0, 5, 5, 5);
                return new SliSeries("lab-backend", route, List.of(failing), failing);
            }
            return new SliSeries("lab-backend", route, List.of(first, empty, third), total);
        }

        @Override
        public SliReport sli(String service, TimeRange range, Duration step) {
            sliCalls++;
            lastStep = step;
            lastRange = range;
            return new SliReport(FROM, NOW, 10 * SECOND, series(""),
                    List.of(series("GET /api/tasks"), series("GET /api/reports/overdue")));
        }

        @Override
        public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
            lastTargets = targets;
            return List.of(
                    new SloStatus(service, "", targets, 15, 14 / 15.0, 800, -5.6, 6.7, SloHealth.RED, SloHealth.RED),
                    new SloStatus(service, "GET /api/tasks", targets, 14, 1, 30, 1, 0, SloHealth.GREEN, SloHealth.GREEN),
                    new SloStatus(service, "GET /api/reports/overdue", targets, 1, 0, 5, -99, 100, SloHealth.RED, SloHealth.GREEN));
        }

        @Override
        public List<String> services(TimeRange range) {
            return services;
        }

        @Override
        public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
            lastCriteria = criteria;
            lastSearchRange = range;
            return List.of(new TraceSummary("a".repeat(32), "lab-backend", "GET /api/tasks", range.fromUnixNano(),
                    900_000_000L, 3, 0, Set.of("lab-backend")));
        }

        @Override
        public Optional<Trace> trace(TraceId traceId) {
            return Optional.empty();
        }
    }
}
