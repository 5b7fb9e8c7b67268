package dev.otellab.ui.common;

import javafx.application.Platform;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where view models run their work: {@code background} for queries (never the FX thread),
 * {@code ui} to apply results (the FX thread in the window, a direct executor in unit tests),
 * {@code timer} for delayed and periodic ticks (auto-refresh, the log tail's drain), and the
 * {@code clock} that "last 15 minutes" is measured against.
 */
public record UiExecutors(Executor background, Executor ui, ScheduledExecutorService timer, Clock clock) {

    /** The window's executors: two daemon query threads, the FX thread, one daemon timer thread. */
    public static UiExecutors forWindow() {
        ExecutorService background = Executors.newFixedThreadPool(2, daemon("console-query"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("console-timer"));
        return new UiExecutors(background, Platform::runLater, timer, Clock.systemDefaultZone());
    }

    /** Stops the threads this record owns (when they are executor services). */
    public void shutdown() {
        if (background instanceof ExecutorService service) {
            service.shutdownNow();
        }
        timer.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
