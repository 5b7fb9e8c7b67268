package dev.otellab.telemetry.embedded;

import java.time.Duration;

/**
 * How an embedded store runs: its retention, how many items may wait to be written before
 * {@code accept} pushes back, and how often the pruner looks for old data.
 */
public record StoreSettings(RetentionPolicy retention, int queueCapacity, Duration pruneInterval) {
    public static final StoreSettings DEFAULT = new StoreSettings(RetentionPolicy.DEFAULT, 65_536, Duration.ofSeconds(30));

    public StoreSettings {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("The queue capacity is positive, got " + queueCapacity);
        }
        if (pruneInterval == null || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("The prune interval is a positive duration, got " + pruneInterval);
        }
    }

    public StoreSettings withRetention(RetentionPolicy value) {
        return new StoreSettings(value, queueCapacity, pruneInterval);
    }

    public StoreSettings withQueueCapacity(int value) {
        return new StoreSettings(retention, value, pruneInterval);
    }

    public StoreSettings withPruneInterval(Duration value) {
        return new StoreSettings(retention, queueCapacity, value);
    }
}
