package dev.otellab.telemetry.embedded.receiver;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that request bodies may hold at once, from the first byte read until decoding is
 * done; a request that would go over it is refused (retryable) instead of growing the heap.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false (nothing taken) when that would exceed it. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}
