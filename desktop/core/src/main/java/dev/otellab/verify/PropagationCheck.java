package dev.otellab.verify;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every request sent through the web front crossed into the backend in the same trace: a SERVER
 * span of the front (lab-web) is an ancestor of a SERVER span of the backend (lab-backend), so
 * the W3C trace context went across the hop. Without a front in the lab there is nothing to cross.
 */
final class PropagationCheck extends TraceCheck {
    static final String NAME = "trace context crosses lab-web to lab-backend";

    private final String front;
    private final boolean frontRuns;

    PropagationCheck(TraceSource traces, String front, String backend, boolean frontRuns, List<SentRequest> forwarded) {
        super(traces, backend, forwarded);
        this.front = front;
        this.frontRuns = frontRuns;
    }

    @Override
    boolean shows(Trace trace) {
        return crossesFrom(trace, front, service);
    }

    /** Whether a SERVER span of {@code front} is an ancestor of a SERVER span of {@code backend} in the trace. */
    static boolean crossesFrom(Trace trace, String front, String backend) {
        Map<String, Span> byId = trace.spans().stream()
                .collect(Collectors.toMap(Span::spanId, Function.identity(), (first, second) -> first));
        return trace.spans().stream()
                .filter(span -> span.kind() == SpanKind.SERVER && span.serviceName().equals(backend))
                .anyMatch(span -> hasServerAncestorOf(span, front, byId));
    }

    private static boolean hasServerAncestorOf(Span span, String front, Map<String, Span> byId) {
        Span parent = byId.get(span.parentSpanId());
        for (int depth = 0; parent != null && depth < byId.size(); depth++) {
            if (parent.kind() == SpanKind.SERVER && parent.serviceName().equals(front)) {
                return true;
            }
            parent = byId.get(parent.parentSpanId());
        }
        return false;
    }

    @Override
    CheckVerdict nothingSent() {
        return frontRuns
                ? CheckVerdict.pass("no request went through " + front + ": nothing to look for")
                : CheckVerdict.pass("this lab runs no " + front + ": requests went to " + service + " directly");
    }

    @Override
    String allShown(int count) {
        return "in all " + count + " traces a " + front + " SERVER span is an ancestor of a " + service + " SERVER span";
    }

    @Override
    String counted() {
        return "traces crossing " + front + " -> " + service;
    }
}
