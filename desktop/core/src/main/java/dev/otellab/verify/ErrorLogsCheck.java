package dev.otellab.verify;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every deliberately failing request has an ERROR log record of the service with its trace_id. */
final class ErrorLogsCheck {
    static final String NAME = "failing requests have error logs";

    private final LogSource logs;
    private final String service;
    private final TimeRange range;
    private final Set<String> pending = new LinkedHashSet<>();
    private final int total;

    ErrorLogsCheck(LogSource logs, String service, TimeRange range, List<SentRequest> failing) {
        this.logs = logs;
        this.service = service;
        this.range = range;
        failing.forEach(request -> pending.add(request.traceId()));
        this.total = pending.size();
    }

    CheckVerdict probe() {
        if (total == 0) {
            return CheckVerdict.pass("no failing requests were sent (--errors 0): nothing to look for");
        }
        pending.removeIf(traceId -> !logs.query(LogFilter.forTrace(new TraceId(traceId)).withServices(Set.of(service))
                .withMinSeverity(Severity.ERROR), range, 1, QueryDirection.NEWEST_FIRST).isEmpty());
        if (pending.isEmpty()) {
            return CheckVerdict.pass("all " + total + " failing requests have an ERROR log record with their trace_id");
        }
        return CheckVerdict.waiting((total - pending.size()) + " of " + total
                + " failing requests with an ERROR log record; still missing e.g. trace " + pending.iterator().next());
    }
}
