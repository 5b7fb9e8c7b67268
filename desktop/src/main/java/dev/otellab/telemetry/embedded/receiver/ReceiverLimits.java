package dev.otellab.telemetry.embedded.receiver;

import java.time.Duration;

/**
 * How much work the receiver takes on at once, so that slow, hostile or too many senders cannot
 * use up its threads or memory: a deadline for a request body to arrive, a few decoding threads
 * with a short queue, a byte budget for bodies being read or waiting to be decoded, and the gRPC
 * connection limits. Anything beyond is refused at once with a retryable answer. The decoding
 * queue is long on purpose: a request waiting there costs only its body, which the budget bounds,
 * while refusing it would make a sender that ignores Retry-After upload it again at once.
 */
public record ReceiverLimits(
        Duration bodyDeadline,
        int decodeThreads,
        int decodeQueue,
        long bodyBudgetBytes,
        int grpcCallsPerConnection,
        Duration grpcCallDeadline) {

    public static final ReceiverLimits DEFAULT = new ReceiverLimits(
            Duration.ofSeconds(20),
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
            1024,
            96L * 1024 * 1024,
            16,
            Duration.ofSeconds(30));

    public ReceiverLimits {
        if (bodyDeadline.isNegative() || bodyDeadline.isZero() || grpcCallDeadline.isNegative() || grpcCallDeadline.isZero()) {
            throw new IllegalArgumentException("The receiver's deadlines must be positive");
        }
        if (decodeThreads < 1 || decodeQueue < 0 || bodyBudgetBytes < 1 || grpcCallsPerConnection < 1) {
            throw new IllegalArgumentException("The receiver's limits must be positive");
        }
    }
}
