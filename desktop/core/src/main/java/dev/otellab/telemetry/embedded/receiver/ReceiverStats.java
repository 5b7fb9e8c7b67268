package dev.otellab.telemetry.embedded.receiver;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the receiver has done since it started, over both protocols: items acknowledged to
 * senders (stored), items rejected as invalid (reported back as partial success), requests
 * refused as malformed, and requests turned away because the store was saturated or failed.
 * Thread-safe; cheap to update on the hot path.
 */
public final class ReceiverStats {
    private final LongAdder acceptedSpans = new LongAdder();
    private final LongAdder acceptedLogRecords = new LongAdder();
    private final LongAdder acceptedDataPoints = new LongAdder();
    private final LongAdder rejectedItems = new LongAdder();
    private final LongAdder malformedRequests = new LongAdder();
    private final LongAdder throttledRequests = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();

    void accepted(Signal signal, long items) {
        switch (signal) {
            case TRACES -> acceptedSpans.add(items);
            case LOGS -> acceptedLogRecords.add(items);
            case METRICS -> acceptedDataPoints.add(items);
        }
    }

    void rejected(long items) {
        rejectedItems.add(items);
    }

    void malformed() {
        malformedRequests.increment();
    }

    void throttled() {
        throttledRequests.increment();
    }

    void failed() {
        failedRequests.increment();
    }

    public long acceptedSpans() {
        return acceptedSpans.sum();
    }

    public long acceptedLogRecords() {
        return acceptedLogRecords.sum();
    }

    public long acceptedDataPoints() {
        return acceptedDataPoints.sum();
    }

    /** Spans, log records and data points dropped as invalid (bad ids, missing values). */
    public long rejectedItems() {
        return rejectedItems.sum();
    }

    /** Requests answered 4xx / INVALID_ARGUMENT: nothing of them was stored. */
    public long malformedRequests() {
        return malformedRequests.sum();
    }

    /** Requests turned away because the store was saturated (429 / UNAVAILABLE with retry info). */
    public long throttledRequests() {
        return throttledRequests.sum();
    }

    /** Requests whose batch the store failed to make durable (503 / UNAVAILABLE). */
    public long failedRequests() {
        return failedRequests.sum();
    }

    @Override
    public String toString() {
        return "accepted spans=" + acceptedSpans() + " logs=" + acceptedLogRecords() + " points=" + acceptedDataPoints()
                + ", rejected items=" + rejectedItems() + ", malformed requests=" + malformedRequests()
                + ", throttled=" + throttledRequests() + ", failed=" + failedRequests();
    }
}
