package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges SLIs over a range against objectives.
 *
 * <ul>
 *   <li>burn rate = error ratio / (1 - availability target); error budget remaining = 1 - burn rate.</li>
 *   <li>Availability: NO_DATA without requests; RED when availability is below the target (budget
 *       overspent, burn rate above 1); AMBER when it still meets the target but less than 25% of the
 *       budget is left (burn rate above 0.75); GREEN otherwise.</li>
 *   <li>Latency: NO_DATA without requests; RED when p95 is above the target; AMBER when p95 is above
 *       80% of the target; GREEN otherwise.</li>
 * </ul>
 */
public final class SloEvaluator {
    /** Below this share of budget left, a met objective is AMBER. */
    public static final double LOW_BUDGET = 0.25;
    /** Above this share of the latency target, a met objective is AMBER. */
    public static final double LATENCY_WARNING = 0.8;

    private SloEvaluator() {
    }

    /** Overall first, then each route of the report, judged on each series' total. */
    public static List<SloStatus> evaluate(SliReport report, SloTargets targets) {
        List<SloStatus> statuses = new ArrayList<>(1 + report.byRoute().size());
        statuses.add(evaluate(report.overall(), targets));
        for (SliSeries route : report.byRoute()) {
            statuses.add(evaluate(route, targets));
        }
        return statuses;
    }

    public static SloStatus evaluate(SliSeries series, SloTargets targets) {
        return evaluate(series.service(), series.route(), series.total(), targets);
    }

    public static SloStatus evaluate(String service, String route, SliPoint total, SloTargets targets) {
        if (!total.hasRequests()) {
            return new SloStatus(service, route, targets, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    SloHealth.NO_DATA, SloHealth.NO_DATA);
        }
        double burnRate = total.errorRatio() / targets.errorBudget();
        double budgetRemaining = 1 - burnRate;
        SloHealth availability;
        if (total.availability() < targets.availability()) {
            availability = SloHealth.RED;
        } else if (budgetRemaining < LOW_BUDGET) {
            availability = SloHealth.AMBER;
        } else {
            availability = SloHealth.GREEN;
        }
        SloHealth latency;
        if (total.p95Millis() > targets.p95LatencyMillis()) {
            latency = SloHealth.RED;
        } else if (total.p95Millis() > LATENCY_WARNING * targets.p95LatencyMillis()) {
            latency = SloHealth.AMBER;
        } else {
            latency = SloHealth.GREEN;
        }
        return new SloStatus(service, route, targets, total.requests(), total.availability(), total.p95Millis(),
                budgetRemaining, burnRate, availability, latency);
    }
}
