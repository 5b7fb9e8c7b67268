package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.presentation.DurationText;
import dev.otellab.presentation.TimeText;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * What the SLIs view shows of the {@link SliViewModel}'s last report, as text and numbers: the
 * charts ({@link SliCharts}, made again for every report), the summary over the charts (the
 * chosen route's availability, p95 and error budget, with their health), the cells of the SLO
 * and traces tables, and the tooltips. The view only builds nodes from it. Use on the UI thread.
 */
public final class SliResultsViewModel {
    /** What the route choice and the SLO table call the service as a whole. */
    public static final String ALL_ROUTES_LABEL = "All routes";
    /** Why the lab's own traffic misses objectives, and what "Missed" says. */
    public static final String SLO_NOTE = "The lab fails and slows some requests on purpose (/api/reports/overdue,"
            + " /api/simulate-slow: shares in the Lab view). \"Missed\": worse than the objective above.";
    private static final DateTimeFormatter AXIS_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String NONE = "–";

    private final SliViewModel model;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<SliCharts> charts = new ReadOnlyObjectWrapper<>(this, "charts");
    private final ReadOnlyStringWrapper availabilityText = new ReadOnlyStringWrapper(this, "availabilityText", "");
    private final ReadOnlyStringWrapper latencyText = new ReadOnlyStringWrapper(this, "latencyText", "");
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper(this, "budgetText", "");
    /** Null until the first report: the summary has no health style before it. */
    private final ReadOnlyObjectWrapper<SloHealth> availabilityHealth = new ReadOnlyObjectWrapper<>(this, "availabilityHealth");
    private final ReadOnlyObjectWrapper<SloHealth> latencyHealth = new ReadOnlyObjectWrapper<>(this, "latencyHealth");

    public SliResultsViewModel(SliViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        model.chartDataProperty().addListener((observable, was, is) -> charts.set(SliCharts.of(is,
                model.shownRangeProperty().get(), model.availabilityTargetProperty().get(),
                model.latencyTargetProperty().get())));
        model.selectedStatusProperty().addListener((observable, was, is) -> summarize(is));
    }

    private void summarize(SloStatus status) {
        availabilityHealth.set(status == null ? SloHealth.NO_DATA : status.availabilityHealth());
        latencyHealth.set(status == null ? SloHealth.NO_DATA : status.latencyHealth());
        if (status == null || status.requests() == 0) {
            availabilityText.set("");
            latencyText.set("");
            budgetText.set("");
            return;
        }
        availabilityText.set("availability " + SloText.formatPercent(status.availability()));
        latencyText.set("p95 " + SloText.formatMillis(status.p95LatencyMillis()));
        budgetText.set("error budget left " + SloText.formatPercent(status.errorBudgetRemaining())
                + ", burn rate " + SloText.formatBurnRate(status.burnRate()));
    }

    /** A route as the route choice and the SLO table name it: the service as a whole is {@link #ALL_ROUTES_LABEL}. */
    public static String routeLabel(String route) {
        return route == null || route.isEmpty() ? ALL_ROUTES_LABEL : route;
    }

    /** The route a typed label names: {@link #ALL_ROUTES_LABEL} is the service as a whole. */
    public static String routeOf(String label) {
        return ALL_ROUTES_LABEL.equals(label) ? SliSeries.ALL_ROUTES : label;
    }

    public static String requestsText(SloStatus status) {
        return String.format("%,d", status.requests());
    }

    public static String availabilityText(SloStatus status) {
        return SloText.formatPercent(status.availability());
    }

    public static String p95Text(SloStatus status) {
        return SloText.formatMillis(status.p95LatencyMillis());
    }

    /** The error budget left, or "–" without requests (nothing was spent or kept). */
    public static String budgetLeftText(SloStatus status) {
        return status.requests() == 0 ? NONE : SloText.formatPercent(status.errorBudgetRemaining());
    }

    public static String burnRateText(SloStatus status) {
        return status.requests() == 0 ? NONE : SloText.formatBurnRate(status.burnRate());
    }

    /** Why a route has its health: each objective's health and target; "" without data. */
    public static String healthReason(SloStatus status) {
        if (status.overall() == SloHealth.NO_DATA) {
            return "";
        }
        return "Availability: " + SloText.healthText(status.availabilityHealth()).toLowerCase(Locale.ROOT)
                + " (target " + SloText.formatPercent(status.targets().availability()) + ")"
                + "; p95: " + SloText.healthText(status.latencyHealth()).toLowerCase(Locale.ROOT)
                + " (target " + SloText.formatMillis(status.targets().p95LatencyMillis()) + ")";
    }

    public String traceStartText(TraceSummary summary) {
        return TimeText.time(summary.startUnixNano(), zone);
    }

    public static String traceDurationText(TraceSummary summary) {
        return DurationText.format(summary.durationNanos());
    }

    public static String traceErrorsText(TraceSummary summary) {
        return summary.hasErrors() ? "⚠ " + summary.errorCount() : NONE;
    }

    /** A time axis label: seconds since the epoch as HH:mm:ss in the user's zone. */
    public String axisTime(double seconds) {
        return AXIS_TIME.format(TimeText.instant((long) (seconds * 1e9)).atZone(zone));
    }

    /** A point's tooltip: "p95 123 ms at 12:00:05". */
    public String pointText(String line, double seconds, double value, DoubleFunction<String> format) {
        return line + " " + format.apply(value) + " at " + axisTime(seconds);
    }

    /** The latency chart's point at {@code seconds} was clicked: list the traces of that moment. */
    public void latencyPointClicked(double seconds, double latencyMillis) {
        model.selectPoint((long) (seconds * 1e9), latencyMillis);
    }

    /** The charts of the last report; null before the first. */
    public ReadOnlyObjectProperty<SliCharts> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    /** "availability 99.5%" for the chosen route, "" without requests. */
    public ReadOnlyStringProperty availabilityTextProperty() {
        return availabilityText.getReadOnlyProperty();
    }

    /** "p95 123 ms" for the chosen route, "" without requests. */
    public ReadOnlyStringProperty latencyTextProperty() {
        return latencyText.getReadOnlyProperty();
    }

    /** "error budget left 80%, burn rate 0.4" for the chosen route, "" without requests. */
    public ReadOnlyStringProperty budgetTextProperty() {
        return budgetText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloHealth> availabilityHealthProperty() {
        return availabilityHealth.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SloHealth> latencyHealthProperty() {
        return latencyHealth.getReadOnlyProperty();
    }
}
