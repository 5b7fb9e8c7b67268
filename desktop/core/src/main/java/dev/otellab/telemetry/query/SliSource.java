package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;

import java.time.Duration;
import java.util.List;

/**
 * Service level indicators of one service: request rate, error ratio (5xx), availability and
 * latency percentiles, overall and per route. Embedded mode derives them from SERVER spans;
 * docker and remote modes from Prometheus. Implementations are thread-safe.
 */
public interface SliSource {

    /** Series over {@code range}, one point per {@code step}. */
    SliReport sli(String service, TimeRange range, Duration step);

    /** The service overall first, then each route, judged against {@code targets} over {@code range}. */
    List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets);

    /** Services that have reported SERVER spans (or request metrics) in {@code range}. */
    List<String> services(TimeRange range);
}
