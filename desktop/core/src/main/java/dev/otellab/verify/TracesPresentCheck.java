package dev.otellab.verify;

import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.util.List;

/** Every answered request has its trace, with spans of the observed service (seed 001: traces present). */
final class TracesPresentCheck extends TraceCheck {
    static final String NAME = "traces present";

    TracesPresentCheck(TraceSource traces, String service, List<SentRequest> answered) {
        super(traces, service, answered);
    }

    @Override
    boolean shows(Trace trace) {
        return trace.services().contains(service);
    }

    @Override
    CheckVerdict nothingSent() {
        return CheckVerdict.fail("no request was answered, so no trace can be expected");
    }

    @Override
    String allShown(int count) {
        return "all " + count + " requests have their trace with spans of " + service;
    }

    @Override
    String counted() {
        return "requests traced";
    }
}
