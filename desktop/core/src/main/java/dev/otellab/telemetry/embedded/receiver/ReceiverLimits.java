package dev.otellab.telemetry.embedded.receiver;

import java.time.Duration;

/**
 * How much work the receiver takes on at once, so that slow, hostile or too many senders cannot
 * use up its threads, memory or CPU: a deadline for a request body to arrive, a few decoding
 * threads, and how many more requests may wait for them: together the places of the
 * {@link DecodeLane}, each taken from a request's headers until it is answered (with none free,
 * a new request is refused before its body is read; a body still arriving after
 * {@link Admission#FAST_BODY} gives its place back meanwhile), a byte budget for the bodies held,
 * and the gRPC limits. Anything beyond is refused, retryably.
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
            8 * Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
            64L * 1024 * 1024,
            16,
            Duration.ofSeconds(30));

    public ReceiverLimits {
        if (bodyDeadline.isNegative() || bodyDeadline.isZero() || grpcCallDeadline.isNegative() || grpcCallDeadline.isZero()) {
            throw new IllegalArgumentException("The receiver's deadlines must be positive");
        }
        if (decodeThreads < 1 || decodeQueue < 1 || bodyBudgetBytes < 1 || grpcCallsPerConnection < 1) {
            throw new IllegalArgumentException("The receiver's limits must be positive");
        }
    }
}
