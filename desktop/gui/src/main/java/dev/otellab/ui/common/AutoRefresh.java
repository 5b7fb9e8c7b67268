package dev.otellab.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A view model's auto-refresh: the "Auto-refresh" switch (on by default, saved between runs)
 * and whether the view shows; while both hold, runs its tick on the UI thread every period.
 * The tick asks again only when {@link #wanted()} and its own conditions hold.
 */
public final class AutoRefresh {
    private static final String SAVED = "autoRefresh";

    private final UiExecutors executors;
    private final Duration period;
    private final Runnable tick;
    private final BooleanProperty on = new SimpleBooleanProperty(this, "autoRefresh", true);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible");
    private ScheduledFuture<?> timer;

    public AutoRefresh(UiExecutors executors, Duration period, Runnable tick) {
        this.executors = executors;
        this.period = period;
        this.tick = tick;
        on.addListener((observable, was, is) -> update());
        visible.addListener((observable, was, is) -> update());
    }

    /** Switched on and the view shows. */
    public boolean wanted() {
        return on.get() && visible.get();
    }

    public void save(Map<String, String> state) {
        state.put(SAVED, Boolean.toString(on.get()));
    }

    public void restore(Map<String, String> state) {
        on.set(Boolean.parseBoolean(state.getOrDefault(SAVED, Boolean.toString(on.get()))));
    }

    /** The window closes: the view no longer shows and the timer stops. */
    public void close() {
        visible.set(false);
        stop();
    }

    /** The switch the view's "Auto-refresh" check box binds to. */
    public BooleanProperty onProperty() {
        return on;
    }

    /** Set by the view: auto-refresh only runs while the view shows. */
    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** Starts the timer when wanted and not running, stops it when running and no longer wanted. */
    private void update() {
        if (wanted() && timer == null) {
            long millis = period.toMillis();
            timer = executors.timer().scheduleAtFixedRate(() -> executors.ui().execute(tick), millis, millis,
                    TimeUnit.MILLISECONDS);
        } else if (!wanted() && timer != null) {
            stop();
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
