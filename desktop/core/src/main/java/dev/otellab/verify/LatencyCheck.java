package dev.otellab.verify;

import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.SloEvaluator;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * p95 latency of the normal requests against the target, judged per normal route (the slow
 * route is left out: its requests are slow on purpose). Each route must meet it: a route that is
 * slow for everyone is what the objective is for, and a figure over all routes would hide it.
 * Every route meeting it also means the p95 of all normal requests together meets it.
 */
final class LatencyCheck extends SliCheck {
    static final String NAME = "latency SLI (p95)";

    LatencyCheck(SliSource slis, String service, TimeRange window, long normalSent, SloTargets targets) {
        super(slis, service, window, normalSent, targets);
    }

    @Override
    CheckVerdict judge(NormalRoutes normal) {
        List<SloStatus> routes = normal.routes().stream()
                .map(series -> SloEvaluator.evaluate(series, targets))
                .sorted(Comparator.comparingDouble(SloStatus::p95LatencyMillis).reversed())
                .toList();
        List<SloStatus> missed = routes.stream().filter(route -> route.latencyHealth() == SloHealth.RED).toList();
        String target = String.format(Locale.ROOT, "%.0f ms", targets.p95LatencyMillis());
        if (!missed.isEmpty()) {
            return CheckVerdict.fail("p95 above " + target + " on " + missed.size() + " of " + routes.size()
                    + " normal routes: " + String.join(", ", missed.stream().map(LatencyCheck::describe).toList()));
        }
        return CheckVerdict.pass("p95 at most " + target + " on all " + routes.size() + " normal routes; slowest "
                + describe(routes.get(0)));
    }

    private static String describe(SloStatus route) {
        return String.format(Locale.ROOT, "%s %.1f ms (%d requests)", route.route(), route.p95LatencyMillis(), route.requests());
    }
}
