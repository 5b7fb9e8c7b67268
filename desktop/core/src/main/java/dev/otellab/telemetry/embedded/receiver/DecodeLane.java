package dev.otellab.telemetry.embedded.receiver;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that decode requests (gunzip, protobuf/JSON, domain records) and hand them to
 * the store, with a short queue. However many senders there are, decoding never takes more than
 * these threads, so the store's writer keeps its share of the CPU; a full lane refuses at once.
 */
final class DecodeLane implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    DecodeLane(int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queued)), task -> {
                    Thread thread = new Thread(task, "otlp-decode-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /** False when every thread is busy and the queue is full: a new request would be refused. */
    boolean hasRoom() {
        return executor.getQueue().remainingCapacity() > 0 || executor.getActiveCount() < executor.getMaximumPoolSize();
    }

    /** Runs the task on the lane; false when the lane and its queue are full (or closed). */
    boolean tryRun(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
