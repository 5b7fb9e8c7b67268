package dev.otellab.telemetry.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Paces the senders of journaled batches to the writer (decision 0056). Their batches are
 * acknowledged once in the journal, so a sender need not wait for its commit; but when more than
 * {@code aheadLimit} journaled items are not yet written to the tables, a new batch's sender waits
 * until the writer has written enough of them to bring that back to the limit. The wait is about
 * the time to write one batch, however large the writer's transactions are.
 */
final class SenderPacer {
    private static final CompletableFuture<Void> GO = CompletableFuture.completedFuture(null);

    private final long aheadLimit;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Journaled items admitted so far, and written by the writer so far (both only grow). */
    private long appended;
    private long written;

    private record Waiter(long writtenTarget, CompletableFuture<Void> go) {
    }

    SenderPacer(long aheadLimit) {
        this.aheadLimit = aheadLimit;
    }

    /**
     * Counts a batch appended to the journal, in the order of the writer's queue; the stage
     * completes when its sender may go on.
     */
    synchronized CompletableFuture<Void> admit(int items) {
        long target = appended - aheadLimit; // go once at most aheadLimit of the items before it are unwritten
        appended += items;
        if (written >= target) {
            return GO;
        }
        Waiter waiter = new Waiter(target, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.go;
    }

    /**
     * The writer wrote an admitted batch's rows (in its open transaction): returns the senders that
     * may go now, for the caller to complete off the writer's thread.
     */
    synchronized List<CompletableFuture<Void>> written(int items) {
        written += items;
        List<CompletableFuture<Void>> go = List.of();
        while (!waiters.isEmpty() && waiters.peek().writtenTarget <= written) {
            if (go.isEmpty()) {
                go = new ArrayList<>();
            }
            go.add(waiters.poll().go);
        }
        return go;
    }

    /** Every waiting sender (the store is closing; their batches are in the journal). */
    synchronized List<CompletableFuture<Void>> releaseAll() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        while (!waiters.isEmpty()) {
            all.add(waiters.poll().go);
        }
        return all;
    }
}
