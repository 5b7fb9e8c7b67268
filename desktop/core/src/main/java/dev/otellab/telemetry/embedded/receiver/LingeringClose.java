package dev.otellab.telemetry.embedded.receiver;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * After an {@link EarlyAnswer}, reads and throws away what the client still sends of its body, for
 * at most {@link #TIME} and a number of bytes, and only then lets the request complete. Jetty closes
 * a connection whose request body was not read to its end, and TCP resets a connection closed with
 * unread bytes: a client still sending would then lose the answer it had not read yet. The linger
 * ends at the body's end (the connection then closes cleanly after the answer), when the client
 * goes away, or at a bound (Jetty then closes it at once): a client that keeps sending costs at
 * most that. No thread waits meanwhile (servlet non-blocking reads), and nothing of the decode lane
 * or the body budget is held.
 */
final class LingeringClose implements ReadListener {
    /** Time enough to finish sending a body of the size limit over a LAN (16 MiB at 100 Mbit/s in 1.3 s). */
    static final Duration TIME = Duration.ofSeconds(2);

    /** The fewest bytes a linger takes: what a client's socket buffers hold, sent already in its view (Linux: 4 MiB). */
    static final long MIN_BYTES = 4L * 1024 * 1024;

    // Only written, never read: the requests that linger at once may share it.
    private static final byte[] DISCARDED = new byte[16 * 1024];

    private final ServletInputStream in;
    private final long maxBytes;
    private final CompletableFuture<Void> over = new CompletableFuture<>();
    private final ScheduledFuture<?> deadline;
    private long discarded;

    private LingeringClose(ServletInputStream in, long maxBytes, ScheduledExecutorService timer) {
        this.in = in;
        this.maxBytes = maxBytes;
        ScheduledFuture<?> scheduled;
        try {
            scheduled = timer.schedule(this::finish, TIME.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = null; // stopping
            over.complete(null);
        }
        this.deadline = scheduled;
    }

    /** How many bytes a request lingers on with a body size limit of {@code maxBodyBytes}: a whole body, at least {@link #MIN_BYTES}. */
    static long bytesFor(long maxBodyBytes) {
        return Math.max(MIN_BYTES, maxBodyBytes);
    }

    /**
     * Discards the body of a request that nothing has read yet, as its read listener; the stage
     * completes when the linger is over.
     */
    static CompletableFuture<Void> unreadBody(ServletInputStream in, long maxBytes, ScheduledExecutorService timer) {
        LingeringClose linger = new LingeringClose(in, maxBytes, timer);
        if (!linger.over.isDone()) {
            linger.listen();
        }
        return linger.over;
    }

    /** Discards the rest of a body whose {@link AsyncBodyReader} gave up on it. */
    static CompletableFuture<Void> restOf(AsyncBodyReader reader, ServletInputStream in, long maxBytes,
                                          ScheduledExecutorService timer) {
        LingeringClose linger = new LingeringClose(in, maxBytes, timer);
        if (!linger.over.isDone()) {
            if (reader.handOver(linger)) {
                linger.readWhatArrived();
            } else {
                linger.listen();
            }
        }
        return linger.over;
    }

    private void listen() {
        try {
            in.setReadListener(this);
        } catch (IllegalStateException e) {
            finish(); // not asynchronous (the receiver is stopping) or already read
        }
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        while (!over.isDone() && in.isReady() && !in.isFinished()) {
            int read = in.read(DISCARDED);
            if (read > 0) {
                discarded += read;
                if (discarded >= maxBytes) {
                    finish();
                }
            }
        }
        if (in.isFinished()) {
            finish();
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    @Override
    public void onError(Throwable failure) {
        finish();
    }

    /** The reader stopped reading without asking for more: this linger asks (and reads what is there). */
    private void readWhatArrived() {
        try {
            onDataAvailable();
        } catch (IOException | RuntimeException e) {
            finish(); // the client went away, or the body is broken: nothing left to wait for
        }
    }

    private void finish() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        over.complete(null);
    }
}
