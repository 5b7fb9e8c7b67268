package dev.otellab.ui.common;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A view model's auto-refresh: while wanted (switched on and the view shown), runs its tick on
 * the UI thread every period; stops when no longer wanted or closed.
 */
public final class AutoRefresh {
    private final UiExecutors executors;
    private final Duration period;
    private final Runnable tick;
    private ScheduledFuture<?> timer;

    public AutoRefresh(UiExecutors executors, Duration period, Runnable tick) {
        this.executors = executors;
        this.period = period;
        this.tick = tick;
    }

    /** Starts the timer when wanted and not running, stops it when running and no longer wanted. */
    public void update(boolean wanted) {
        if (wanted && timer == null) {
            long millis = period.toMillis();
            timer = executors.timer().scheduleAtFixedRate(() -> executors.ui().execute(tick), millis, millis,
                    TimeUnit.MILLISECONDS);
        } else if (!wanted && timer != null) {
            stop();
        }
    }

    public void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
