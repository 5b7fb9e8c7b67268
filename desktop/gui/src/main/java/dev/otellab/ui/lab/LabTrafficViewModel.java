package dev.otellab.ui.lab;

import dev.otellab.lab.traffic.Traffic;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Lab view's traffic controls: the profile (rate, slow and failing shares) with its
 * validation, start and stop, and the counts read every {@link #COUNTS_INTERVAL} while the lab
 * runs. The lab's lifecycle hands it the running lab's generator ({@link #attach}) and takes it
 * back when the lab stops or fails ({@link #detach}). Call the public methods on the UI thread.
 */
public final class LabTrafficViewModel {
    public static final Duration COUNTS_INTERVAL = Duration.ofMillis(500);

    private final LabSession session;
    private final UiExecutors executors;
    private final Executor control;

    private final DoubleProperty requestsPerSecond = new SimpleDoubleProperty(this, "requestsPerSecond",
            TrafficProfile.DEFAULT.requestsPerSecond());
    private final DoubleProperty slowPercent = new SimpleDoubleProperty(this, "slowPercent",
            TrafficProfile.DEFAULT.slowShare() * 100);
    private final DoubleProperty errorPercent = new SimpleDoubleProperty(this, "errorPercent",
            TrafficProfile.DEFAULT.errorShare() * 100);
    private final StringBinding trafficProblem;
    private final ReadOnlyBooleanWrapper trafficRunning = new ReadOnlyBooleanWrapper(this, "trafficRunning");
    private final ReadOnlyBooleanWrapper scenarioPlaying = new ReadOnlyBooleanWrapper(this, "scenarioPlaying");
    private final ReadOnlyObjectWrapper<TrafficCounts> counts = new ReadOnlyObjectWrapper<>(this, "counts", TrafficCounts.NONE);
    private final BooleanBinding canStartTraffic;
    private final BooleanBinding canStopTraffic;
    private final StringBinding trafficText;

    private Traffic generator;
    private ScheduledFuture<?> countsTimer;

    public LabTrafficViewModel(LabSession session, UiExecutors executors, Executor control) {
        this.session = session;
        this.executors = executors;
        this.control = control;
        trafficProblem = Bindings.createStringBinding(this::profileProblem, requestsPerSecond, slowPercent, errorPercent);
        canStartTraffic = session.when(() -> session.isRunning() && !trafficRunning.get() && trafficProblem.get().isEmpty(),
                trafficRunning, trafficProblem);
        canStopTraffic = session.when(() -> session.isRunning() && trafficRunning.get(), trafficRunning);
        trafficText = Bindings.createStringBinding(this::describeTraffic, session.stateProperty(), trafficRunning,
                scenarioPlaying, requestsPerSecond, slowPercent, errorPercent);
        trafficProblem.addListener((observable, was, is) -> applyProfileWhileRunning());
        requestsPerSecond.addListener((observable, was, is) -> applyProfileWhileRunning());
        slowPercent.addListener((observable, was, is) -> applyProfileWhileRunning());
        errorPercent.addListener((observable, was, is) -> applyProfileWhileRunning());
    }

    public void startTraffic() {
        if (!canStartTraffic.get() || generator == null) {
            return;
        }
        Traffic target = generator;
        TrafficProfile profile = profile();
        trafficRunning.set(true);
        control.execute(() -> {
            target.setProfile(profile);
            target.start();
        });
    }

    public void stopTraffic() {
        if (!canStopTraffic.get() || generator == null) {
            return;
        }
        Traffic target = generator;
        trafficRunning.set(false);
        control.execute(target::stop);
    }

    /** The profile the controls describe; IllegalArgumentException says what is wrong. */
    public TrafficProfile profile() {
        return new TrafficProfile(requestsPerSecond.get(), slowPercent.get() / 100, errorPercent.get() / 100,
                TrafficProfile.DEFAULT.slowDelay());
    }

    /**
     * Reads the traffic counts once (the counts timer calls this); tests may call it directly.
     * Also follows the generator when something else drives it (an exercise's scenario starts
     * it and stops it at its end).
     */
    public void refreshCounts() {
        Traffic current = generator;
        if (current != null) {
            counts.set(current.counts());
            trafficRunning.set(current.isRunning());
            scenarioPlaying.set(current.isPlaying());
        }
    }

    /** The lab is up: its generator (none in a lab without traffic) drives the controls. */
    void attach(Traffic running) {
        generator = running;
        trafficRunning.set(generator != null && generator.isRunning());
        counts.set(generator == null ? TrafficCounts.NONE : generator.counts());
        startCountsTimer();
    }

    /** The lab stops or failed: the last counts stay shown, the generator is forgotten. */
    void detach() {
        refreshCounts();
        stopCountsTimer();
        generator = null;
        trafficRunning.set(false);
    }

    /** The window closes: stop polling. */
    public void close() {
        stopCountsTimer();
    }

    private void applyProfileWhileRunning() {
        Traffic current = generator;
        if (current != null && trafficProblem.get().isEmpty()) {
            TrafficProfile profile = profile();
            control.execute(() -> current.setProfile(profile));
        }
    }

    private void startCountsTimer() {
        stopCountsTimer();
        countsTimer = executors.timer().scheduleAtFixedRate(() -> executors.ui().execute(this::refreshCounts),
                COUNTS_INTERVAL.toMillis(), COUNTS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopCountsTimer() {
        if (countsTimer != null) {
            countsTimer.cancel(false);
            countsTimer = null;
        }
    }

    private String profileProblem() {
        try {
            profile();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String describeTraffic() {
        if (!session.isRunning()) {
            return "";
        }
        if (!trafficRunning.get()) {
            return "Traffic: stopped";
        }
        if (scenarioPlaying.get()) {
            return "Traffic: an exercise's scenario";
        }
        return String.format(Locale.ROOT, "Traffic: %s req/s, %.0f%% slow, %.0f%% failing",
                formatRate(requestsPerSecond.get()), slowPercent.get(), errorPercent.get());
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    public DoubleProperty requestsPerSecondProperty() {
        return requestsPerSecond;
    }

    public DoubleProperty slowPercentProperty() {
        return slowPercent;
    }

    public DoubleProperty errorPercentProperty() {
        return errorPercent;
    }

    public StringBinding trafficProblemProperty() {
        return trafficProblem;
    }

    public ReadOnlyBooleanProperty trafficRunningProperty() {
        return trafficRunning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrafficCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public BooleanBinding canStartTrafficProperty() {
        return canStartTraffic;
    }

    public BooleanBinding canStopTrafficProperty() {
        return canStopTraffic;
    }

    /** "Traffic: 5 req/s, 5% slow, 2% failing", "Traffic: stopped", or "" while the lab is down. */
    public StringBinding trafficTextProperty() {
        return trafficText;
    }
}
