package dev.otellab.telemetry.diff;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Finds the other traces of a trace's root operation over a range, through the trace port (any mode). */
public final class TypicalTraces {
    /** "Up to a few hundred traces": enough for a stable median, quick enough from Tempo. */
    public static final int DEFAULT_LIMIT = 200;

    private final TraceSource traces;

    public TypicalTraces(TraceSource traces) {
        this.traces = traces;
    }

    /** Compares {@code trace} with the median of the other traces of its root service and operation. */
    public TraceDiff compare(Trace trace, TimeRange range, int limit, BooleanSupplier cancelled) {
        return TypicalTrace.compare(trace, others(trace, range, limit, cancelled));
    }

    public List<Trace> others(Trace trace, TimeRange range, int limit, BooleanSupplier cancelled) {
        Span root = trace.rootSpan();
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(root.serviceName()).withSpanName(root.name());
        List<Trace> others = new ArrayList<>();
        for (TraceSummary summary : traces.search(criteria, range, limit + 1)) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            if (summary.traceId().equals(trace.traceId()) || !summary.rootName().equals(root.name())
                    || !summary.rootService().equals(root.serviceName()) || others.size() >= limit) {
                continue;
            }
            traces.trace(summary.id()).ifPresent(others::add);
        }
        return others;
    }
}
