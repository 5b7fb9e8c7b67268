package dev.otellab.verify;

import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.SloEvaluator;

import java.util.Locale;

/**
 * Availability of the normal requests, all normal routes together, against the target: the
 * requests that fail on purpose are left out, or the check would fail by construction.
 */
final class AvailabilityCheck extends SliCheck {
    static final String NAME = "availability SLI";

    AvailabilityCheck(SliSource slis, String service, TimeRange window, long normalSent, SloTargets targets) {
        super(slis, service, window, normalSent, targets);
    }

    @Override
    CheckVerdict judge(NormalRoutes normal) {
        SloStatus status = SloEvaluator.evaluate(service, "normal routes", normal.combined(window.fromUnixNano()), targets);
        String seen = String.format(Locale.ROOT, "%.2f%% of %d normal requests on %d routes succeeded (%d 5xx); target %s%%",
                status.availability() * 100, status.requests(), normal.routes().size(), normal.errors(),
                percent(targets.availability()));
        return status.availabilityHealth() == SloHealth.RED ? CheckVerdict.fail(seen) : CheckVerdict.pass(seen);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.10g", ratio * 100).replaceAll("\\.?0+$", "");
    }
}
