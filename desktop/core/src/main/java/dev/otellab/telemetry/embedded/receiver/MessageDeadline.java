package dev.otellab.telemetry.embedded.receiver;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gRPC side of the body deadline: a call whose request message has not fully arrived within
 * the deadline after its headers is closed with DEADLINE_EXCEEDED, whatever deadline (if any) the
 * client set. Until the message arrives no other thread touches the call, so closing it from the
 * timer is safe; a message arriving after that is dropped.
 */
final class MessageDeadline implements ServerInterceptor {
    private static final int WAITING = 0;
    private static final int ARRIVED = 1;
    private static final int EXPIRED = 2;

    private final ScheduledExecutorService timer;
    private final Duration deadline;

    MessageDeadline(ScheduledExecutorService timer, Duration deadline) {
        this.timer = timer;
        this.deadline = deadline;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        AtomicInteger state = new AtomicInteger(WAITING);
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            if (state.compareAndSet(WAITING, EXPIRED)) {
                call.close(Status.DEADLINE_EXCEEDED.withDescription("The request message did not arrive within "
                        + deadline.toSeconds() + " s"), new Metadata());
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                if (arrived()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                if (arrived()) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                expiry.cancel(false);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                expiry.cancel(false);
                super.onComplete();
            }

            private boolean arrived() {
                if (state.compareAndSet(WAITING, ARRIVED)) {
                    expiry.cancel(false);
                }
                return state.get() == ARRIVED;
            }
        };
    }
}
