package dev.otellab.verify;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every deliberately slow request's SERVER span lasts at least the delay it asked for: the
 * latency the SLIs are computed from is measured, not lost.
 */
final class SlowRequestsCheck extends TraceCheck {
    static final String NAME = "slow requests traced with their delay";

    private final Duration delay;
    private final List<String> tooShort = new ArrayList<>();

    SlowRequestsCheck(TraceSource traces, String service, List<SentRequest> slow, Duration delay) {
        super(traces, service, slow);
        this.delay = delay;
    }

    /** True once the SERVER span is there; a too-short one is noted for the verdict. */
    @Override
    boolean shows(Trace trace) {
        Optional<Span> server = trace.spans().stream()
                .filter(span -> span.kind() == SpanKind.SERVER && span.serviceName().equals(service))
                .findFirst();
        server.filter(span -> span.durationNanos() < delay.toNanos()).ifPresent(span -> tooShort.add(String.format(
                Locale.ROOT, "trace %s: %.1f ms", trace.traceId(), span.durationNanos() / 1e6)));
        return server.isPresent();
    }

    @Override
    Optional<CheckVerdict> failure() {
        return tooShort.isEmpty() ? Optional.empty() : Optional.of(CheckVerdict.fail(tooShort.size()
                + " slow requests lasted less than the " + delay.toMillis() + " ms they asked for, e.g. " + tooShort.get(0)));
    }

    @Override
    CheckVerdict nothingSent() {
        return CheckVerdict.pass("no slow requests were sent (--slow 0): nothing to look for");
    }

    @Override
    String allShown(int count) {
        return "all " + count + " slow requests have a SERVER span of at least " + delay.toMillis() + " ms";
    }

    @Override
    String counted() {
        return "slow requests with their SERVER span";
    }
}
