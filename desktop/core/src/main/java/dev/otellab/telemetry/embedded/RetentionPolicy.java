package dev.otellab.telemetry.embedded;

import java.time.Duration;

/**
 * How much telemetry the store keeps: nothing older than {@code maxAge}, and no more than
 * {@code maxBytes} of used database pages (oldest data goes first).
 */
public record RetentionPolicy(Duration maxAge, long maxBytes) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofHours(24), 1L << 30);

    public RetentionPolicy {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("The retention age is a positive duration, got " + maxAge);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("The retention size is a positive number of bytes, got " + maxBytes);
        }
    }
}
