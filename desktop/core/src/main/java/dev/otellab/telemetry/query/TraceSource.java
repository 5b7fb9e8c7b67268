package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.TraceSummary;

import java.util.List;
import java.util.Optional;

/** Where traces come from: the embedded store, or Tempo. Implementations are thread-safe. */
public interface TraceSource {

    /** Traces that started in {@code range} and match, newest first, at most {@code limit}. */
    List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit);

    /** The whole trace, or empty when no span of it is known. */
    Optional<Trace> trace(TraceId traceId);
}
