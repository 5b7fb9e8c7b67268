package dev.otellab.exercises;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.embedded.LabBackendSettings;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.lab.traffic.TrafficSchedule;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run of an exercise: its scenario plays on the running lab's traffic generator (which stops
 * at the scenario's end, so the recorded telemetry holds still while the learner investigates);
 * once the scenario is over and its requests are in the store, answers are checked against that
 * telemetry. A wrong answer brings the next hint. Progress and checks query the store: call them
 * off the UI thread. Thread-safe.
 */
public final class ExerciseSession {
    /** Share of the answered requests that must be recorded before answers are judged. */
    static final double RECORDED_SHARE = 0.95;
    /** After this long past the scenario's end, judge with whatever arrived. */
    static final Duration ARRIVAL_GRACE = Duration.ofSeconds(20);

    public enum Stage {
        /** The scenario's traffic is being sent. */
        RUNNING,
        /** The traffic is over; its telemetry is still arriving. */
        COLLECTING,
        /** Answers can be checked. */
        READY,
        /** The traffic was stopped before the scenario's end (Lab view, lab stopped): start again. */
        INTERRUPTED
    }

    public record Progress(Stage stage, String message) {
    }

    /** The verdict on an answer, and the hint it unlocked (empty when none). */
    public record Feedback(AnswerVerdict.Outcome outcome, String message, String hint) {
    }

    private final Exercise exercise;
    private final LabEngine lab;
    private final Traffic traffic;
    private final Clock clock;
    private final Instant started;
    private final Instant scenarioEnd;
    private final TimeRange window;
    private final TrafficCounts countsAtStart;
    private final CompletableFuture<Void> playing;
    private boolean ready;
    private int hintsShown;
    /** The user's own traffic ran before the scenario replaced it: it starts again once the scenario's telemetry is in. */
    private final boolean userTrafficWasRunning;
    private boolean userTrafficRestored;

    private ExerciseSession(Exercise exercise, LabEngine lab, Traffic traffic, Clock clock) {
        this.exercise = exercise;
        this.lab = lab;
        this.traffic = traffic;
        this.clock = clock;
        TrafficSchedule plan = exercise.scenario().plan();
        this.countsAtStart = traffic.counts();
        this.userTrafficWasRunning = traffic.isRunning() && !traffic.isPlaying();
        this.started = clock.instant();
        this.scenarioEnd = started.plus(plan.length());
        // requests sent until the end may answer up to their delay later
        this.window = TimeRange.between(started, scenarioEnd.plus(plan.longestRequest()).plusSeconds(2));
        this.playing = traffic.play(plan);
    }

    /**
     * Plays the exercise's scenario on the lab's traffic generator (replacing whatever traffic it
     * sent). IllegalStateException when the lab is not running.
     */
    public static ExerciseSession start(Exercise exercise, LabEngine lab, Clock clock) {
        Traffic traffic = lab.traffic().orElseThrow(
                () -> new IllegalStateException("The lab is not running: start it in the Lab view first."));
        return new ExerciseSession(exercise, lab, traffic, clock);
    }

    public Exercise exercise() {
        return exercise;
    }

    /** The scenario's start until its last request could have answered. */
    public TimeRange window() {
        return window;
    }

    public ExerciseTelemetry telemetry() {
        return new ExerciseTelemetry(lab.traces(), lab.logs(), lab.slis(), LabBackendSettings.DEFAULT_SERVICE_NAME, window);
    }

    /** Where the run stands; queries the store once the traffic is over. */
    public Progress progress() {
        synchronized (this) {
            if (ready) {
                return readyProgress();
            }
        }
        if (playing.isCancelled()) {
            return new Progress(Stage.INTERRUPTED, "The scenario's traffic was stopped before its end (from the Lab view,"
                    + " or the lab stopped). Start the scenario again.");
        }
        Instant now = clock.instant();
        if (!playing.isDone()) {
            long left = Math.max(1, Duration.between(now, scenarioEnd).toSeconds());
            return new Progress(Stage.RUNNING, "Scenario running: " + exercise.scenario().describe() + ", " + left + " s left.");
        }
        TrafficCounts counts = traffic.counts();
        long answered = answered(counts) - answered(countsAtStart);
        long recorded = recordedRequests();
        boolean arrived = counts.inFlight() == 0 && recorded >= Math.floor(answered * RECORDED_SHARE);
        if (arrived || now.isAfter(scenarioEnd.plus(ARRIVAL_GRACE))) {
            synchronized (this) {
                ready = true;
                restoreUserTraffic();
                return readyProgress();
            }
        }
        return new Progress(Stage.COLLECTING, "Collecting telemetry: " + recorded + " of " + answered
                + " requests recorded so far.");
    }

    /**
     * Starts the user's traffic again (with its own settings, which the scenario did not change),
     * after the scenario's window: what the learner investigates is the scenario's alone.
     */
    private void restoreUserTraffic() {
        if (userTrafficWasRunning && !userTrafficRestored && !playing.isCancelled() && !traffic.isRunning()) {
            userTrafficRestored = true;
            traffic.start();
        }
    }

    /** Judges {@code answer} once the telemetry is in; a wrong answer unlocks the next hint. */
    public Feedback check(String answer) {
        Progress progress = progress();
        if (progress.stage() != Stage.READY) {
            return new Feedback(AnswerVerdict.Outcome.NOT_READY, progress.message(), "");
        }
        AnswerVerdict verdict = exercise.answer().check(answer, telemetry());
        String hint = verdict.outcome() == AnswerVerdict.Outcome.WRONG ? nextHint().orElse("") : "";
        return new Feedback(verdict.outcome(), verdict.message(), hint);
    }

    /** What the learner may pick from, from the scenario's telemetry so far. */
    public List<AnswerChoice> choices() {
        return exercise.answer().choices(telemetry());
    }

    /** Reveals the next hint, if any is left. */
    public synchronized Optional<String> nextHint() {
        if (hintsShown >= exercise.hints().size()) {
            return Optional.empty();
        }
        return Optional.of(exercise.hints().get(hintsShown++));
    }

    public synchronized List<String> hintsShown() {
        return exercise.hints().subList(0, hintsShown);
    }

    /** Stops the scenario's traffic if it is still playing (another exercise starts, the view closes). */
    public void cancel() {
        if (!playing.isDone()) {
            traffic.stop();
        }
    }

    private Progress readyProgress() {
        return new Progress(Stage.READY, "The scenario is over and its telemetry recorded: investigate, then answer.");
    }

    private long recordedRequests() {
        List<SloStatus> statuses = lab.slis().sloStatus(LabBackendSettings.DEFAULT_SERVICE_NAME, window, SloTargets.DEFAULT);
        return statuses.isEmpty() ? 0 : statuses.get(0).requests();
    }

    private static long answered(TrafficCounts counts) {
        return counts.succeeded() + counts.clientErrors() + counts.serverErrors();
    }
}
