package dev.otellab.telemetry.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Accepts decoded telemetry for storage. The returned stage completes only once the batch is
 * durable (committed), so a receiver may acknowledge the sender then and never lose it.
 */
public interface TelemetryIngest {

    /**
     * @throws StoreSaturatedException at once, without storing anything, when the store's queue
     *                                 is full (back-pressure: the receiver answers 429/503)
     */
    CompletionStage<Void> accept(TelemetryBatch batch);

    /**
     * Like {@link #accept}, for a receiver about to acknowledge: the stage may complete as soon as
     * the batch is durable, before queries see it (an ingest with a write-ahead journal). Same
     * refusals as {@link #accept}.
     */
    default CompletionStage<Void> acceptDurably(TelemetryBatch batch) {
        return accept(batch);
    }

    /**
     * Empty when the store wants new requests now; otherwise how long a sender should wait. It may
     * say "wait" before {@link #accept} would refuse (a store with enough work queued), so that
     * requests already decoded still go in. Cheap: a receiver asks before it reads or decodes a
     * request and refuses it without that work.
     */
    default Optional<Duration> saturation() {
        return Optional.empty();
    }
}
