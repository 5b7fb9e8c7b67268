package dev.otellab.verify;

import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;

/**
 * Metrics present when the lab has a metrics backend (docker and remote modes: Prometheus behind
 * the SLI source): the request metrics count at least every request verify sent.
 */
final class SliMetricsCheck {
    private final SliSource slis;
    private final String service;
    private final TimeRange window;
    private final long expected;

    SliMetricsCheck(SliSource slis, String service, TimeRange window, long expected) {
        this.slis = slis;
        this.service = service;
        this.window = window;
        this.expected = expected;
    }

    CheckVerdict probe() {
        long counted = slis.sli(service, window, window.length()).overall().total().requests();
        String seen = "the request metrics of " + service + " count " + counted + " requests";
        return counted >= expected ? CheckVerdict.pass(seen + " (verify sent " + expected + ")")
                : CheckVerdict.waiting(seen + ", fewer than the " + expected + " verify sent");
    }
}
