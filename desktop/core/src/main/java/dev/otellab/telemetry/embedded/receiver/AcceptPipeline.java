package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.otlp.DecodedRequest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one way an OTLP request becomes stored telemetry, whichever transport brought it: admitted
 * from its headers only while the store takes batches and the {@link DecodeLane} has a place,
 * decoded on the lane, handed to the store, answered once the batch is durable, and counted in
 * the {@link ReceiverStats}. Refusals go out {@link Admission#REFUSAL_DELAY} late. The transports
 * read the request their own way and turn each {@link Outcome} into their answer (an HTTP status,
 * a gRPC Status); the rules live here.
 */
final class AcceptPipeline {
    static final String BUSY = "The receiver is decoding as many requests as it can, retry later.";

    private final Admission admission;
    private final TelemetryIngest ingest;
    private final ReceiverStats stats;

    AcceptPipeline(Admission admission, TelemetryIngest ingest, ReceiverStats stats) {
        this.admission = admission;
        this.ingest = ingest;
        this.stats = stats;
    }

    /** What became of a request. */
    sealed interface Outcome {
        /** Durable in the store (items the decoder dropped are counted in {@code decoded}). */
        record Stored(Signal signal, DecodedRequest decoded) implements Outcome {
        }

        /** Not taken now: the sender should send it again after {@code retryAfter}. */
        record Refused(Duration retryAfter, String message) implements Outcome {
        }

        /** The request is not valid OTLP: sending it again will not help. */
        record Malformed(String message) implements Outcome {
        }

        /** The request is larger than the receiver takes. */
        record TooLarge(String message) implements Outcome {
        }

        /** The store did not take or keep the batch: the sender may retry. */
        record Failed(String message) implements Outcome {
        }
    }

    /** Decodes one whole request on the lane. */
    @FunctionalInterface
    interface Decoder {
        /** @throws Undecodable with a {@link Outcome.Malformed} or {@link Outcome.TooLarge} outcome */
        DecodedRequest decode() throws Undecodable;
    }

    /** A request the decoder could not turn into telemetry, and the answer it gets. */
    static final class Undecodable extends Exception {
        private final Outcome outcome;

        Undecodable(Outcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * From the headers, before a body is read: a place on the lane for the request, or empty when
     * the store is full or every place is taken (the refusal then reaches {@code answer}).
     */
    Optional<DecodeLane.Place> admit(Consumer<Outcome> answer) {
        Optional<Duration> saturated = admission.storeSaturation();
        if (saturated.isPresent()) {
            refuse(saturated.get(), "The store is saturated, retry later.", answer);
            return Optional.empty();
        }
        Optional<DecodeLane.Place> place = admission.lane().tryReserve();
        if (place.isEmpty()) {
            refuse(Admission.BUSY_RETRY_AFTER, BUSY, answer);
        }
        return place;
    }

    /** Refuses a request for lack of room (a place, the body budget), retryably. */
    void refuseBusy(String message, Consumer<Outcome> answer) {
        refuse(Admission.BUSY_RETRY_AFTER, message, answer);
    }

    /**
     * Decodes the request on the lane and hands its batch to the store; {@code answer} gets the
     * outcome once the batch is durable (or refused, or failed). {@code releaseBody} runs once the
     * body is decoded; the place is given back as soon as the outcome is known.
     */
    void decodeAndStore(Signal signal, DecodeLane.Place place, Decoder decoder, Runnable releaseBody,
                        Consumer<Outcome> answer) {
        try {
            admission.lane().run(() -> onLane(signal, place, decoder, releaseBody, answer));
        } catch (RejectedExecutionException e) {
            releaseBody.run();
            place.release();
            stats.failed();
            answer.accept(new Outcome.Failed("The receiver is stopping, retry later."));
        }
    }

    private void onLane(Signal signal, DecodeLane.Place place, Decoder decoder, Runnable releaseBody,
                        Consumer<Outcome> answer) {
        Optional<Outcome> known;
        try {
            known = decodeAndHandOver(signal, place, decoder, releaseBody, answer);
        } catch (RuntimeException e) {
            stats.failed();
            known = Optional.of(new Outcome.Failed("The receiver failed on this request, retry later: " + e));
        }
        if (known.isPresent()) {
            place.release();
            send(known.get(), answer);
        }
    }

    /**
     * The outcome when it is known on the lane; empty once the store has the batch (the answer
     * goes out, and the place is given back, when the store has made it durable).
     */
    private Optional<Outcome> decodeAndHandOver(Signal signal, DecodeLane.Place place, Decoder decoder,
                                                Runnable releaseBody, Consumer<Outcome> answer) {
        DecodedRequest decoded;
        try {
            Optional<Duration> saturated = admission.storeSaturation();
            if (saturated.isPresent()) {
                return Optional.of(refused(saturated.get(), "The store is saturated, retry later."));
            }
            decoded = decoder.decode();
        } catch (Undecodable e) {
            stats.malformed();
            return Optional.of(e.outcome);
        } finally {
            releaseBody.run();
        }
        stats.rejected(decoded.rejected());
        TelemetryBatch batch = decoded.batch();
        if (batch.isEmpty()) {
            return Optional.of(new Outcome.Stored(signal, decoded));
        }
        CompletionStage<Void> stage;
        try {
            stage = ingest.acceptDurably(batch);
        } catch (StoreSaturatedException e) {
            return Optional.of(refused(e.retryAfter(), "The store is saturated, retry later: " + e.getMessage()));
        } catch (RuntimeException e) {
            stats.failed();
            return Optional.of(new Outcome.Failed("The store did not take the batch, retry later: " + e));
        }
        stage.whenComplete((ignored, failure) -> {
            place.release();
            if (failure == null) {
                stats.accepted(signal, batch.size());
                answer.accept(new Outcome.Stored(signal, decoded));
            } else {
                stats.failed();
                answer.accept(new Outcome.Failed("The store failed to keep the batch, retry later: "
                        + rootMessage(failure)));
            }
        });
        return Optional.empty();
    }

    private void refuse(Duration retryAfter, String message, Consumer<Outcome> answer) {
        send(refused(retryAfter, message), answer);
    }

    private Outcome refused(Duration retryAfter, String message) {
        stats.throttled();
        return new Outcome.Refused(retryAfter, message);
    }

    /** Answers now, or {@link Admission#REFUSAL_DELAY} later for a refusal. */
    private void send(Outcome outcome, Consumer<Outcome> answer) {
        if (outcome instanceof Outcome.Refused) {
            admission.refuseLater(() -> answer.accept(outcome));
        } else {
            answer.accept(outcome);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
