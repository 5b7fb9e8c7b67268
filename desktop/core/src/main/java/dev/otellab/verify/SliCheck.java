package dev.otellab.verify;

import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;

/**
 * A check of the normal requests' SLIs against the targets. Judged once the SLI source counts
 * every normal request sent: a verdict on part of the data could pass and then be wrong.
 */
abstract class SliCheck {
    protected final String service;
    protected final SloTargets targets;
    protected final TimeRange window;
    private final SliSource slis;
    private final long normalSent;

    SliCheck(SliSource slis, String service, TimeRange window, long normalSent, SloTargets targets) {
        this.slis = slis;
        this.service = service;
        this.window = window;
        this.normalSent = normalSent;
        this.targets = targets;
    }

    /** The verdict on complete SLIs of the normal routes. */
    abstract CheckVerdict judge(NormalRoutes normal);

    final CheckVerdict probe() {
        if (normalSent == 0) {
            return CheckVerdict.fail("no normal requests were sent (--slow and --errors take them all): nothing to judge");
        }
        NormalRoutes normal = NormalRoutes.read(slis, service, window);
        if (normal.requests() < normalSent) {
            return CheckVerdict.waiting("the SLIs count " + normal.requests() + " of the " + normalSent + " normal requests so far");
        }
        return judge(normal);
    }
}
