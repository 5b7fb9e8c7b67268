package dev.otellab.verify;

import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.util.List;

/** Every deliberately failing request's trace has a span of the service with status ERROR. */
final class ErrorSpansCheck extends TraceCheck {
    static final String NAME = "failing requests have error spans";

    ErrorSpansCheck(TraceSource traces, String service, List<SentRequest> failing) {
        super(traces, service, failing);
    }

    @Override
    boolean shows(Trace trace) {
        return trace.spans().stream().anyMatch(span -> span.isError() && span.serviceName().equals(service));
    }

    @Override
    CheckVerdict nothingSent() {
        return CheckVerdict.pass("no failing requests were sent (--errors 0): nothing to look for");
    }

    @Override
    String allShown(int count) {
        return "all " + count + " failing requests have an ERROR span";
    }

    @Override
    String counted() {
        return "failing requests with an ERROR span";
    }
}
