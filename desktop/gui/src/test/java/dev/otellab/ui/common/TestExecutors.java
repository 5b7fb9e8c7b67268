package dev.otellab.ui.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** Executors for view model tests, without a screen. */
public final class TestExecutors {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneOffset.UTC);

    private TestExecutors() {
    }

    /** Work and results on the calling thread: a method call finishes everything it starts. */
    public static UiExecutors direct(ScheduledExecutorService timer) {
        return new UiExecutors(Runnable::run, Runnable::run, timer, CLOCK);
    }

    public static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "test-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A stand-in for the FX thread: tasks queue up, from any thread, until the test thread runs
     * them with {@link #runAll()}, so everything that touches the view model happens on one thread.
     */
    public static final class QueuedUi implements Executor {
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger executed = new AtomicInteger();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        /** Runs the queued tasks (and those they queue) on the calling thread; returns how many. */
        public int runAll() {
            int count = 0;
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
                count++;
                executed.incrementAndGet();
            }
            return count;
        }

        /** How many tasks ever ran. */
        public int executed() {
            return executed.get();
        }
    }
}
