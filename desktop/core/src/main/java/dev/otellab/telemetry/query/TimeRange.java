package dev.otellab.telemetry.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A half-open time window [from, to) in Unix epoch nanoseconds. */
public record TimeRange(long fromUnixNano, long toUnixNano) {
    public TimeRange {
        if (toUnixNano < fromUnixNano) {
            throw new IllegalArgumentException("A time range ends after it starts");
        }
    }

    public static TimeRange last(Duration length, Clock clock) {
        long now = toNanos(clock.instant());
        return new TimeRange(now - length.toNanos(), now + 1);
    }

    public static TimeRange last(Duration length) {
        return last(length, Clock.systemUTC());
    }

    public static TimeRange between(Instant from, Instant to) {
        return new TimeRange(toNanos(from), toNanos(to));
    }

    public static TimeRange all() {
        return new TimeRange(0, Long.MAX_VALUE);
    }

    public boolean contains(long unixNano) {
        return unixNano >= fromUnixNano && unixNano < toUnixNano;
    }

    public Duration length() {
        return Duration.ofNanos(toUnixNano - fromUnixNano);
    }

    public static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
