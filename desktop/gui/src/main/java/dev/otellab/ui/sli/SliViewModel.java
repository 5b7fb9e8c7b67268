package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.AutoRefresh;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeForm;
import dev.otellab.presentation.TimeText;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SLIs view: a service, a time range and a step (chosen for 60 to 120 points unless the
 * user sets one), the SLI series overall and per route as chart data, the SLO targets
 * (validated, remembered) with each route's error budget, burn rate and health, and the traces
 * behind a clicked latency point. Queries run on the background executor, one at a time
 * ({@link LatestQuery}); auto-refresh asks again every {@link #AUTO_REFRESH_PERIOD} while the
 * view shows.
 *
 * <p>Call the public methods on the UI thread.
 */
public final class SliViewModel {
    public static final Duration AUTO_REFRESH_PERIOD = Duration.ofSeconds(5);
    public static final int MAX_POINTS = 120;
    public static final int MAX_OVERRIDE_POINTS = 2_000;
    public static final int TRACE_LIMIT = 50;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The semantic-convention attribute that names a SERVER span's route template. */
    static final String ROUTE_ATTRIBUTE = "http.route";
    /** The shortest lab run the charts show: a run of a few seconds still gets a readable axis. */
    static final Duration SHORTEST_LAB_SPAN = Duration.ofMinutes(1);
    /** After a stop, the lab run's range goes on this long: the last requests' telemetry arrives late. */
    static final Duration AFTER_STOP = Duration.ofSeconds(30);
    /** The ranges the view offers: a chart of "any time" has no sensible step. */
    public static final List<TimeRangeChoice> RANGES = List.of(TimeRangeChoice.LAB_RUN, TimeRangeChoice.LAST_5_MINUTES,
            TimeRangeChoice.LAST_15_MINUTES, TimeRangeChoice.LAST_HOUR, TimeRangeChoice.LAST_6_HOURS,
            TimeRangeChoice.LAST_24_HOURS, TimeRangeChoice.CUSTOM);
    /** Steps people read easily; the automatic step is the smallest that gives at most {@link #MAX_POINTS}. */
    static final List<Duration> NICE_STEPS = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

    /** What one refresh brings back. */
    record Result(List<String> services, String service, TimeRange range, SliReport report, List<SloStatus> statuses) {
    }

    private final SliSource slis;
    private final TraceSource traces;
    private final UiExecutors executors;
    private final Navigator navigator;
    private final Supplier<Optional<LabRunSpan.Run>> labRun;
    private final LatestQuery<Result> query;
    private final LatestQuery<List<TraceSummary>> traceQuery;

    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final TimeRangeForm timeRange;
    /** The user picked the range (kept between runs); otherwise the view shows the lab run. */
    private boolean rangeChosen;
    private final StringProperty stepOverride = new SimpleStringProperty(this, "stepOverride", "");
    private final StringProperty availabilityTarget = new SimpleStringProperty(this, "availabilityTarget", "99");
    private final StringProperty latencyTarget = new SimpleStringProperty(this, "latencyTarget", "500");
    private final ObjectProperty<String> route = new SimpleObjectProperty<>(this, "route", SliSeries.ALL_ROUTES);
    private final BooleanProperty pointHovered = new SimpleBooleanProperty(this, "pointHovered");

    private final StringBinding rangeError;
    private final StringBinding stepError;
    private final StringBinding availabilityError;
    private final StringBinding latencyError;
    private final BooleanBinding canQuery;
    private final StringBinding stepText;

    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final ObservableList<String> routes = FXCollections.observableArrayList(SliSeries.ALL_ROUTES);
    private final ObservableList<SloStatus> statuses = FXCollections.observableArrayList();
    private final ObservableList<TraceSummary> windowTraces = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SliReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<SliChartData> chartData = new ReadOnlyObjectWrapper<>(this, "chartData", SliChartData.EMPTY);
    private final ReadOnlyObjectWrapper<SloStatus> selectedStatus = new ReadOnlyObjectWrapper<>(this, "selectedStatus");
    private final ReadOnlyObjectWrapper<TimeRange> shownRange = new ReadOnlyObjectWrapper<>(this, "shownRange");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper windowText = new ReadOnlyStringWrapper(this, "windowText", "");
    private final ReadOnlyObjectWrapper<TimeRange> traceWindow = new ReadOnlyObjectWrapper<>(this, "traceWindow");

    private final AutoRefresh autoRefresh;
    private boolean applying;

    public SliViewModel(SliSource slis, TraceSource traces, UiExecutors executors, Navigator navigator) {
        this(slis, traces, executors, navigator, LabRunSpan.NEVER);
    }

    /** {@code labRun}: the lab run whose span the charts show until the user picks a range. */
    public SliViewModel(SliSource slis, TraceSource traces, UiExecutors executors, Navigator navigator,
                        Supplier<Optional<LabRunSpan.Run>> labRun) {
        this.slis = slis;
        this.labRun = labRun;
        this.traces = traces;
        this.executors = executors;
        this.autoRefresh = new AutoRefresh(executors, AUTO_REFRESH_PERIOD, this::autoRefreshTick);
        this.navigator = navigator;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        this.traceQuery = new LatestQuery<>(executors.background(), executors.ui());
        this.timeRange = new TimeRangeForm(executors.clock(), RANGES, TimeRangeChoice.LAB_RUN);
        rangeError = Bindings.createStringBinding(this::rangeProblem, timeRange.dependencies());
        stepError = Bindings.createStringBinding(this::stepProblem, timeRange.dependencies(stepOverride));
        availabilityError = Bindings.createStringBinding(() -> SloText.availabilityProblem(availabilityTarget.get()), availabilityTarget);
        latencyError = Bindings.createStringBinding(() -> SloText.latencyProblem(latencyTarget.get()), latencyTarget);
        canQuery = rangeError.isEmpty().and(stepError.isEmpty()).and(availabilityError.isEmpty()).and(latencyError.isEmpty());
        // the shown range too: the lab run's span grows with every refresh
        stepText = Bindings.createStringBinding(this::describeStep, timeRange.dependencies(stepOverride, shownRange));
        route.addListener((observable, was, is) -> showRoute());
        service.addListener((observable, was, is) -> {
            if (!applying) {
                route.set(SliSeries.ALL_ROUTES);
                refresh();
            }
        });
        timeRange.choiceProperty().addListener((observable, was, is) -> {
            if (!applying) {
                rangeChosen = true;
                if (is != TimeRangeChoice.CUSTOM) {
                    refresh();
                }
            }
        });
    }

    /** The step for a range when the user sets none: the smallest readable step giving at most {@link #MAX_POINTS}. */
    public static Duration autoStep(Duration rangeLength) {
        // "last hour" is an hour and a nanosecond (its end is inclusive): judge whole milliseconds
        long length = Math.max(1, rangeLength.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toNanos());
        for (Duration step : NICE_STEPS) {
            if (ceilDiv(length, step.toNanos()) <= MAX_POINTS) {
                return step;
            }
        }
        return Duration.ofNanos(ceilDiv(length, MAX_POINTS));
    }

    /** The range the form describes, as of now; a custom range without an end ends now. */
    public TimeRange timeRange() {
        if (timeRange.choiceProperty().get() == TimeRangeChoice.LAB_RUN) {
            return labRunRange();
        }
        return timeRange.resolveClosed("the charts need one");
    }

    /** The range the form describes, or empty while the form is wrong (then Grafana opens without a range). */
    public Optional<TimeRange> validTimeRange() {
        try {
            return Optional.of(timeRange());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The lab run's span: from its start (at least {@link #SHORTEST_LAB_SPAN} back, at most a
     * day) until now, or until a little after its stop; the last 15 minutes before any run.
     */
    private TimeRange labRunRange() {
        Instant now = executors.clock().instant();
        Optional<LabRunSpan.Run> run = labRun.get();
        if (run.isEmpty()) {
            return TimeRangeChoice.LAST_15_MINUTES.resolve(executors.clock(), "", "");
        }
        Instant end = run.get().stopped().map(stop -> stop.plus(AFTER_STOP)).filter(now::isAfter).orElse(now);
        Instant start = run.get().started();
        if (start.isAfter(end.minus(SHORTEST_LAB_SPAN))) {
            start = end.minus(SHORTEST_LAB_SPAN);
        }
        Instant earliest = end.minus(Duration.ofHours(24));
        return TimeRange.between(start.isBefore(earliest) ? earliest : start, end);
    }

    /**
     * Shows {@code service}'s SLIs over {@code window} (an exercise's scenario): a custom range
     * from the window's first to its last whole second and {@code step} (null: automatic), chosen
     * as if the user had typed them.
     */
    public void showWindow(String service, TimeRange window, Duration step) {
        ZoneId zone = executors.clock().getZone();
        applying = true;
        try {
            timeRange.showCustom(window.fromUnixNano() / NANOS_PER_SECOND * NANOS_PER_SECOND,
                    ceilDiv(window.toUnixNano(), NANOS_PER_SECOND) * NANOS_PER_SECOND, zone);
            stepOverride.set(step == null ? "" : step.toMillis() % 1000 == 0 ? step.toSeconds() + "s" : step.toMillis() + "ms");
            if (service != null && !service.isBlank()) {
                this.service.set(service);
            }
            route.set(SliSeries.ALL_ROUTES);
        } finally {
            applying = false;
        }
        rangeChosen = true;
        refresh();
    }

    /**
     * The range to query for a step: "last N minutes" ends at the last step boundary, so the
     * points stay on the same boundaries from one refresh to the next and no step is still
     * filling up (a half-elapsed step would show half the request rate); a custom range is kept.
     */
    public TimeRange queryRange(TimeRange window, Duration step) {
        if (timeRange.choiceProperty().get() == TimeRangeChoice.CUSTOM) {
            return window;
        }
        long stepNanos = step.toNanos();
        long length = window.length().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toNanos();
        long end = Math.floorDiv(window.toUnixNano(), stepNanos) * stepNanos;
        return new TimeRange(end - length, end);
    }

    /** The step the form describes for a range: the user's, or the automatic one. */
    public Duration step(TimeRange window) {
        Duration typed = DurationText.parse(stepOverride.get());
        return typed == null ? autoStep(window.length()) : typed;
    }

    /** The targets the form describes; IllegalArgumentException says what is wrong. */
    public SloTargets targets() {
        return SloText.targets(availabilityTarget.get(), latencyTarget.get());
    }

    /** Queries the SLIs and SLO status of the service (the first known one when none is chosen). */
    public void refresh() {
        TimeRange window;
        Duration step;
        SloTargets goals;
        try {
            window = timeRange();
            step = step(window);
            checkStep(window, step);
            window = queryRange(window, step);
            goals = targets();
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        errorMessage.set("");
        String chosen = service.get() == null ? "" : service.get().strip();
        TimeRange queried = window;
        query.run(() -> load(chosen, queried, step, goals), this::apply, errorMessage::set);
    }

    /** Called by the auto-refresh timer: queries again when the view shows and nothing runs. */
    public void autoRefreshTick() {
        // a point under the mouse stays where it is: the sliding range would move it
        if (autoRefresh.wanted() && !pointHovered.get() && !query.isRunning() && canQuery.get()) {
            refresh();
        }
    }

    /**
     * A click on a latency point: lists the traces of the service that started in that point's
     * step and took at least about the clicked latency (80% of it, so the traces that make the
     * percentile are in).
     */
    public void selectPoint(long timeUnixNano, double latencyMillis) {
        SliReport shown = report.get();
        if (shown == null) {
            return;
        }
        TimeRange window = windowOf(timeUnixNano, shown);
        Duration min = minDurationFor(latencyMillis);
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(shown.overall().service()).withDuration(min, null);
        if (!SliSeries.ALL_ROUTES.equals(route.get())) {
            criteria = criteria.withAttributes(Map.of(ROUTE_ATTRIBUTE, route.get()));
        }
        traceWindow.set(window);
        windowText.set("Traces from " + TimeText.time(window.fromUnixNano(), executors.clock().getZone())
                + " to " + TimeText.time(window.toUnixNano(), executors.clock().getZone())
                + (min == null ? "" : ", at least " + DurationText.format(min.toNanos())) + ":");
        TraceSearchCriteria finalCriteria = criteria;
        traceQuery.run(() -> traces.search(finalCriteria, window, TRACE_LIMIT), found -> {
            windowTraces.setAll(found);
            if (found.isEmpty()) {
                windowText.set(windowText.get() + " none found (they may have been pruned)");
            }
        }, errorMessage::set);
    }

    /** The step of the report that holds {@code timeUnixNano}, clipped to the report's range. */
    public static TimeRange windowOf(long timeUnixNano, SliReport report) {
        long step = report.stepNanos();
        long offset = Math.max(0, timeUnixNano - report.fromUnixNano());
        long start = report.fromUnixNano() + offset / step * step;
        long end = Math.min(report.toUnixNano(), start + step);
        return new TimeRange(start, Math.max(start, end));
    }

    /** A little under the clicked latency, so the traces that make that percentile are listed; none for nonsense. */
    public static Duration minDurationFor(double latencyMillis) {
        if (!Double.isFinite(latencyMillis) || latencyMillis < 1) {
            return null;
        }
        return Duration.ofNanos((long) (latencyMillis * 0.8 * 1_000_000));
    }

    /** Opens a listed trace's waterfall. */
    public void openTrace(TraceSummary summary) {
        if (summary != null) {
            navigator.showTrace(summary.traceId());
        }
    }

    public void close() {
        autoRefresh.close();
    }

    /** The form as text, to remember between runs. */
    public Map<String, String> saveState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("service", service.get());
        timeRange.save(state);
        state.put("rangeChosen", Boolean.toString(rangeChosen));
        state.put("step", stepOverride.get());
        state.put("availabilityTarget", availabilityTarget.get());
        state.put("latencyTarget", latencyTarget.get());
        autoRefresh.save(state);
        return state;
    }

    /** Puts back a saved form; a target that no longer validates falls back to the default. */
    public void restoreState(Map<String, String> state) {
        applying = true;
        try {
            service.set(state.getOrDefault("service", service.get()));
            // a range the user picked is kept; an old default gives way to the lab run
            if (Boolean.parseBoolean(state.get("rangeChosen")) && timeRange.restoreChoice(state)) {
                rangeChosen = true;
            }
            timeRange.restoreBounds(state);
            stepOverride.set(state.getOrDefault("step", stepOverride.get()));
            String availability = state.getOrDefault("availabilityTarget", availabilityTarget.get());
            availabilityTarget.set(SloText.availabilityProblem(availability).isEmpty() ? availability : "99");
            String latency = state.getOrDefault("latencyTarget", latencyTarget.get());
            latencyTarget.set(SloText.latencyProblem(latency).isEmpty() ? latency : "500");
            autoRefresh.restore(state);
        } finally {
            applying = false;
        }
    }

    private Result load(String chosen, TimeRange window, Duration step, SloTargets goals) {
        List<String> names = slis.services(window);
        String name = chosen;
        if (name.isEmpty() && !names.isEmpty()) {
            name = names.contains("lab-backend") ? "lab-backend" : names.get(0);
        }
        if (name.isEmpty()) {
            return new Result(names, "", window, null, List.of());
        }
        return new Result(names, name, window, slis.sli(name, window, step), slis.sloStatus(name, window, goals));
    }

    private void apply(Result result) {
        applying = true;
        try {
            List<String> names = new ArrayList<>(result.services());
            if (!result.service().isEmpty() && !names.contains(result.service())) {
                names.add(result.service());
            }
            if (!names.equals(services)) {
                services.setAll(names);
            }
            service.set(result.service());
        } finally {
            applying = false;
        }
        shownRange.set(result.range());
        report.set(result.report());
        statuses.setAll(result.statuses());
        List<String> routeNames = new ArrayList<>();
        routeNames.add(SliSeries.ALL_ROUTES);
        if (result.report() != null) {
            result.report().byRoute().forEach(series -> routeNames.add(series.route()));
        }
        String current = route.get();
        if (!routeNames.equals(routes)) {
            routes.setAll(routeNames);
        }
        if (!routeNames.contains(current)) {
            route.set(SliSeries.ALL_ROUTES);
        }
        showRoute();
        if (result.report() == null) {
            errorMessage.set("No service has served requests in this range yet: start the lab and its traffic in the Lab view");
        }
    }

    private void showRoute() {
        SliReport shown = report.get();
        if (shown == null) {
            chartData.set(SliChartData.EMPTY);
            selectedStatus.set(null);
            return;
        }
        String wanted = route.get() == null ? SliSeries.ALL_ROUTES : route.get();
        SliSeries series = SliSeries.ALL_ROUTES.equals(wanted) ? shown.overall()
                : shown.byRoute().stream().filter(candidate -> candidate.route().equals(wanted)).findFirst().orElse(shown.overall());
        chartData.set(SliChartData.of(series));
        selectedStatus.set(statuses.stream().filter(status -> status.route().equals(series.route())).findFirst()
                .orElse(null));
    }

    private String rangeProblem() {
        try {
            timeRange();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String stepProblem() {
        String own = DurationText.problem(stepOverride.get());
        if (!own.isEmpty()) {
            return own;
        }
        TimeRange window;
        try {
            window = timeRange();
        } catch (IllegalArgumentException e) {
            return ""; // the range's own message shows
        }
        try {
            checkStep(window, step(window));
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static long points(TimeRange window, Duration step) {
        return ceilDiv(Math.max(1, window.length().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toNanos()), step.toNanos());
    }

    static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static void checkStep(TimeRange window, Duration step) {
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("The step is at least 1s");
        }
        long points = points(window, step);
        if (points > MAX_OVERRIDE_POINTS) {
            throw new IllegalArgumentException("A step of " + DurationText.format(step.toNanos()) + " gives " + points
                    + " points: use at least " + DurationText.format(ceilDiv(window.length().toNanos(), MAX_OVERRIDE_POINTS))
                    + " (or leave it empty for automatic)");
        }
    }

    private String describeStep() {
        try {
            TimeRange window = timeRange();
            Duration step = step(window);
            long points = points(window, step);
            String prefix = stepOverride.get().isBlank() ? "Auto step " : "Step ";
            return prefix + DurationText.format(step.toNanos()) + " (" + points + " points)" + labRunText();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** What the lab run range stands for: its start, or that there was none yet. */
    private String labRunText() {
        if (timeRange.choiceProperty().get() != TimeRangeChoice.LAB_RUN) {
            return "";
        }
        return labRun.get().map(run -> ", since the lab started at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(run.started().atZone(executors.clock().getZone()))).orElse(", the last 15 minutes: the lab has not run in this window");
    }

    public StringProperty serviceProperty() {
        return service;
    }

    /** The time range part of the form. */
    public TimeRangeForm timeRangeForm() {
        return timeRange;
    }

    /** The step typed by the user, e.g. "30s"; empty = automatic. */
    public StringProperty stepOverrideProperty() {
        return stepOverride;
    }

    /** Availability target in percent, e.g. "99". */
    public StringProperty availabilityTargetProperty() {
        return availabilityTarget;
    }

    /** p95 latency target in milliseconds, e.g. "500". */
    public StringProperty latencyTargetProperty() {
        return latencyTarget;
    }

    /** The route shown in the charts; {@link SliSeries#ALL_ROUTES} for the service overall. */
    public ObjectProperty<String> routeProperty() {
        return route;
    }

    public BooleanProperty visibleProperty() {
        return autoRefresh.visibleProperty();
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh.onProperty();
    }

    /** The mouse is on a chart point: auto-refresh waits, so the point does not move away. */
    public BooleanProperty pointHoveredProperty() {
        return pointHovered;
    }

    public StringBinding rangeErrorProperty() {
        return rangeError;
    }

    public StringBinding stepErrorProperty() {
        return stepError;
    }

    public StringBinding availabilityErrorProperty() {
        return availabilityError;
    }

    public StringBinding latencyErrorProperty() {
        return latencyError;
    }

    public BooleanBinding canQueryProperty() {
        return canQuery;
    }

    /** "Auto step 10 s (90 points)". */
    public StringBinding stepTextProperty() {
        return stepText;
    }

    public ObservableList<String> services() {
        return services;
    }

    /** {@link SliSeries#ALL_ROUTES} first, then the routes of the last report. */
    public ObservableList<String> routes() {
        return routes;
    }

    /** The service overall first, then each route. */
    public ObservableList<SloStatus> statuses() {
        return statuses;
    }

    public ReadOnlyObjectProperty<SliReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SliChartData> chartDataProperty() {
        return chartData.getReadOnlyProperty();
    }

    /** The SLO status of the route shown in the charts. */
    public ReadOnlyObjectProperty<SloStatus> selectedStatusProperty() {
        return selectedStatus.getReadOnlyProperty();
    }

    /** The range of the last report (the charts' x axis). */
    public ReadOnlyObjectProperty<TimeRange> shownRangeProperty() {
        return shownRange.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return query.runningProperty();
    }

    /** The traces of the clicked point's window. */
    public ObservableList<TraceSummary> windowTraces() {
        return windowTraces;
    }

    public ReadOnlyStringProperty windowTextProperty() {
        return windowText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TimeRange> traceWindowProperty() {
        return traceWindow.getReadOnlyProperty();
    }
}
