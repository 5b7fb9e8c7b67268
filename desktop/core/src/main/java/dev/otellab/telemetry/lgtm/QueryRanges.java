package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.time.Duration;

/**
 * Time ranges as the backends accept them: Loki refuses queries longer than its
 * {@code max_query_length} (721 h by default) and Prometheus keeps 15 days by default, so a
 * range ends at most a minute from now and spans at most {@link #LONGEST}.
 */
final class QueryRanges {
    static final Duration LONGEST = Duration.ofDays(30);

    private QueryRanges() {
    }

    static TimeRange clipped(TimeRange range, Clock clock) {
        long now = TimeRange.toNanos(clock.instant());
        long end = Math.min(range.toUnixNano(), now + Duration.ofMinutes(1).toNanos());
        long start = Math.max(range.fromUnixNano(), end - LONGEST.toNanos());
        return new TimeRange(Math.min(start, end), end);
    }
}
