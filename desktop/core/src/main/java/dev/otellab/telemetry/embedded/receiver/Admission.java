package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.ingest.TelemetryIngest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the two OTLP servers share to take on only the work they can finish: the store's own
 * "full" signal and the decoding lane's places, both asked from the headers before a body is read,
 * the memory budget for bodies, the lane itself and the timer of body deadlines and late refusals.
 * Whatever does not fit is refused with a retryable answer (HTTP 429 + Retry-After, gRPC
 * UNAVAILABLE + RetryInfo).
 */
final class Admission implements AutoCloseable {
    /** What a sender refused for lack of room (not for a full store) is told to wait. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * A refusal goes out this late (the request holds no thread meanwhile): a sender that ignores
     * Retry-After and resends at once then costs a refusal every half second, not a busy loop that
     * takes the CPU from the store's writer.
     */
    static final Duration REFUSAL_DELAY = Duration.ofSeconds(1);

    /**
     * How long an HTTP body may take to arrive while keeping the place it was admitted with: a
     * body sent at full speed (loopback or LAN, up to the size limit) arrives well within it; one
     * still arriving then gives its place back and asks again once it has arrived.
     */
    static final Duration FAST_BODY = Duration.ofMillis(250);

    private final ReceiverLimits limits;
    private final TelemetryIngest ingest;
    private final BodyBudget budget;
    private final DecodeLane lane;
    private final ScheduledExecutorService timer;

    Admission(ReceiverLimits limits, TelemetryIngest ingest) {
        this.limits = limits;
        this.ingest = ingest;
        this.budget = new BodyBudget(limits.bodyBudgetBytes());
        this.lane = new DecodeLane(limits.decodeThreads(), limits.decodeQueue());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "otlp-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Empty when the store takes batches now; else how long the sender should wait. */
    Optional<Duration> storeSaturation() {
        return ingest.saturation();
    }

    ReceiverLimits limits() {
        return limits;
    }

    BodyBudget budget() {
        return budget;
    }

    DecodeLane lane() {
        return lane;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs the refusal's sending after {@link #REFUSAL_DELAY}. */
    void refuseLater(Runnable send) {
        try {
            timer.schedule(send, REFUSAL_DELAY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            send.run(); // stopping: answer at once
        }
    }

    @Override
    public void close() {
        lane.close();
        timer.shutdownNow();
    }
}
