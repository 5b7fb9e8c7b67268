package dev.otellab.telemetry.embedded.receiver;

import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that decode requests (gunzip, protobuf/JSON, domain records) and hand them to
 * the store, and the places of the requests they work for. A request takes a {@link Place} when
 * it is admitted, before its body is read, and gives it back once it is answered: there are as
 * many places as threads plus the queue, so however many senders come, at most that many requests
 * are read, decoded or waiting for the store at once, the store's writer keeps its share of the
 * CPU and a refused request costs its headers, not its body.
 */
final class DecodeLane implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final Semaphore places;

    DecodeLane(int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        // the places bound the queue: a request runs at most one task at a time and holds a place meanwhile
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "otlp-decode-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        places = new Semaphore(threads + Math.max(1, queued));
    }

    /** A place for one request until it is answered; empty when every place is taken. */
    Optional<Place> tryReserve() {
        return places.tryAcquire() ? Optional.of(new Place(places)) : Optional.empty();
    }

    /** Places free now (for tests and diagnostics). */
    int freePlaces() {
        return places.availablePermits();
    }

    /**
     * Runs a task of a request that holds a place.
     *
     * @throws RejectedExecutionException when the lane is closed
     */
    void run(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * One request's place. A body still arriving when its sender proves slow gives the place
     * back ({@link #lendWhileWaiting}) and asks for one again once it has arrived ({@link #claim}),
     * so that held or trickling bodies cannot keep the places from senders that send at full
     * speed. {@link #release} is safe to call on every path, more than once.
     */
    static final class Place {
        private static final int RESERVED = 0;
        private static final int KEPT = 1;
        private static final int LENT = 2;
        private static final int RELEASED = 3;

        private final Semaphore places;
        private final AtomicInteger state = new AtomicInteger(RESERVED);

        private Place(Semaphore places) {
            this.places = places;
        }

        /** The body has not arrived yet: the place goes back to the lane until it has. */
        void lendWhileWaiting() {
            if (state.compareAndSet(RESERVED, LENT)) {
                places.release();
            }
        }

        /** The body has arrived: keeps the place, or takes a free one again; false when none is free. */
        boolean claim() {
            if (state.compareAndSet(RESERVED, KEPT)) {
                return true;
            }
            if (state.get() == LENT && places.tryAcquire()) {
                if (state.compareAndSet(LENT, KEPT)) {
                    return true;
                }
                places.release(); // released meanwhile
            }
            return false;
        }

        /** The request is answered (or refused, or failed): its place is free again. */
        void release() {
            int before = state.getAndSet(RELEASED);
            if (before == RESERVED || before == KEPT) {
                places.release();
            }
        }
    }
}
