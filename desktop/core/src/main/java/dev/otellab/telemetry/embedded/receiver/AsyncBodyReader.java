package dev.otellab.telemetry.embedded.receiver;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body without holding a thread while the sender is slow (servlet non-blocking
 * I/O): bytes are taken as they arrive, the buffer grows with what actually arrived (a declared
 * length is not trusted for the allocation), each growth is charged to the {@link BodyBudget},
 * and a body that has not arrived by the deadline fails. The result owns the budget it holds. Once
 * it has failed, it can hand the rest of the body over to another listener (a servlet request has
 * one), e.g. a {@link LingeringClose}.
 */
final class AsyncBodyReader implements ReadListener {
    private static final int FIRST_BUFFER = 64 * 1024;

    /** A whole body and the budget it holds until {@link #release}. */
    record Body(byte[] bytes, long reserved, BodyBudget budget) {
        void release() {
            budget.release(reserved);
        }
    }

    /** The body did not arrive within the deadline. */
    static final class BodyDeadlineException extends IOException {
        BodyDeadlineException(String message) {
            super(message);
        }
    }

    /** Taking the next bytes would exceed the receiver's memory budget for bodies. */
    static final class BudgetExceededException extends IOException {
        BudgetExceededException() {
            super("the receiver holds as many request bodies as it may");
        }
    }

    private final ServletInputStream in;
    private final long limit;
    private final BodyBudget budget;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final ScheduledFuture<?> deadline;
    private byte[] buffer;
    private int length;
    private long reserved;
    private boolean listening;
    private ReadListener successor;

    private AsyncBodyReader(ServletInputStream in, long limit, long declared, BodyBudget budget,
                            ScheduledExecutorService timer, Duration bodyDeadline) {
        this.in = in;
        this.limit = limit;
        this.budget = budget;
        int first = declared >= 0 && declared <= 4L * FIRST_BUFFER ? (int) Math.max(declared, 1) : FIRST_BUFFER;
        this.buffer = new byte[0];
        this.deadline = timer.schedule(() -> fail(new BodyDeadlineException(
                "the request body did not arrive within " + bodyDeadline.toSeconds() + " s")),
                bodyDeadline.toMillis(), TimeUnit.MILLISECONDS);
        if (!grow((int) Math.min(first, limit))) {
            fail(new BudgetExceededException());
        }
    }

    /** Starts reading the request's body ({@link #body}). */
    static AsyncBodyReader read(ServletInputStream in, long limit, long declared, BodyBudget budget,
                                ScheduledExecutorService timer, Duration bodyDeadline) {
        AsyncBodyReader reader = new AsyncBodyReader(in, limit, declared, budget, timer, bodyDeadline);
        if (!reader.result.isDone()) {
            in.setReadListener(reader);
            reader.listenedFrom();
        }
        return reader;
    }

    /**
     * Completes with the whole body or fails with a {@link OtlpHttpServer.BodyTooLargeException},
     * {@link BudgetExceededException}, {@link BodyDeadlineException} or the I/O error that ended the request.
     */
    CompletableFuture<Body> body() {
        return result;
    }

    private synchronized void listenedFrom() {
        listening = true;
    }

    /**
     * After a failure, the listener that reads the rest: it gets the servlet's calls from now on, and
     * asks for more data itself (this reader stopped asking when it failed). False when this reader
     * failed before it became the request's read listener: {@code next} should become it instead.
     */
    synchronized boolean handOver(ReadListener next) {
        if (!result.isCompletedExceptionally()) {
            throw new IllegalStateException("only a failed reader hands the rest of the body over");
        }
        if (!listening) {
            return false;
        }
        successor = next;
        return true;
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        if (successor != null) {
            successor.onDataAvailable();
            return;
        }
        while (!result.isDone() && in.isReady() && !in.isFinished()) {
            if (length == buffer.length) {
                // full: one more byte decides between "done" (a body of exactly the declared
                // length, the common case, keeps its exact buffer), "too large" and "grow"
                int next = in.read();
                if (next < 0) {
                    return;
                }
                if (length >= limit) {
                    fail(new OtlpHttpServer.BodyTooLargeException());
                    return;
                }
                if (!grow((int) Math.min(limit, Math.max(FIRST_BUFFER, buffer.length * 2L)))) {
                    fail(new BudgetExceededException());
                    return;
                }
                buffer[length++] = (byte) next;
                continue;
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read > 0) {
                length += read;
            }
        }
    }

    @Override
    public synchronized void onAllDataRead() throws IOException {
        if (successor != null) {
            successor.onAllDataRead();
            return;
        }
        if (result.isDone()) {
            return;
        }
        deadline.cancel(false);
        byte[] bytes = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        // the trimmed copy replaces the buffer: the budget keeps the larger of the two charged until release
        Body body = new Body(bytes, reserved, budget);
        buffer = null;
        if (!result.complete(body)) {
            body.release();
        }
    }

    @Override
    public void onError(Throwable failure) {
        ReadListener next;
        synchronized (this) {
            next = successor;
        }
        if (next != null) {
            next.onError(failure);
            return;
        }
        fail(failure instanceof TimeoutException
                ? new BodyDeadlineException("the sender stopped sending the request body") : failure);
    }

    private synchronized void fail(Throwable failure) {
        if (result.isDone()) {
            return;
        }
        deadline.cancel(false);
        buffer = null;
        budget.release(reserved);
        reserved = 0;
        result.completeExceptionally(failure);
    }

    private boolean grow(int capacity) {
        long more = capacity - buffer.length;
        if (!budget.tryReserve(more)) {
            return false;
        }
        reserved += more;
        buffer = Arrays.copyOf(buffer, capacity);
        return true;
    }
}
