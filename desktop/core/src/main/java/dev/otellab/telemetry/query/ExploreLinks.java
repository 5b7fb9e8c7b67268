package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.TraceId;

import java.net.URI;

/** Links that open the same trace, log query or SLI dashboard in the stack's Grafana. */
public interface ExploreLinks {

    /** Explore with the trace. */
    URI trace(TraceId traceId, TimeRange range);

    /** Explore with the log filter. */
    URI logs(LogFilter filter, TimeRange range);

    /** The lab's SLI/SLO dashboard over the range. */
    URI sliDashboard(TimeRange range);
}
