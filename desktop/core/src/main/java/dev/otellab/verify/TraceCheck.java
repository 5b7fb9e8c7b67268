package dev.otellab.verify;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TraceSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A check on the traces of some requests, looked up by the trace ids verify gave them, until
 * each trace shows what the check wants. A trace that already did is not asked for again.
 */
abstract class TraceCheck {
    protected final String service;
    private final TraceSource traces;
    private final Map<String, SentRequest> pending = new LinkedHashMap<>();
    private final int total;

    TraceCheck(TraceSource traces, String service, List<SentRequest> requests) {
        this.traces = traces;
        this.service = service;
        requests.forEach(request -> pending.put(request.traceId(), request));
        this.total = pending.size();
    }

    /** Whether the trace, as stored so far, shows what the check wants. */
    abstract boolean shows(Trace trace);

    /** The verdict when no request of the kind was sent. */
    abstract CheckVerdict nothingSent();

    /** The pass detail once every trace showed it. */
    abstract String allShown(int count);

    /** What is being counted, for the waiting detail ("... of 5 failing requests with an ERROR span"). */
    abstract String counted();

    /** A final failure seen on the way, if any. */
    Optional<CheckVerdict> failure() {
        return Optional.empty();
    }

    final CheckVerdict probe() {
        if (total == 0) {
            return nothingSent();
        }
        pending.keySet().removeIf(traceId -> traces.trace(new TraceId(traceId)).filter(this::shows).isPresent());
        Optional<CheckVerdict> failed = failure();
        if (failed.isPresent()) {
            return failed.get();
        }
        if (pending.isEmpty()) {
            return CheckVerdict.pass(allShown(total));
        }
        return CheckVerdict.waiting((total - pending.size()) + " of " + total + " " + counted()
                + "; still missing e.g. trace " + pending.keySet().iterator().next());
    }
}
