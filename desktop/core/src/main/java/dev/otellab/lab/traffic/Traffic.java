package dev.otellab.lab.traffic;

import java.util.concurrent.CompletableFuture;

/**
 * The lab's generated traffic as the Lab view, the exercises and the CLI drive it: a steady
 * profile until stopped, or a plan's phases that end by themselves. Thread-safe.
 */
public interface Traffic {

    /** Sends the current profile until {@link #stop()}. */
    void start();

    /**
     * Sends the plan's phases from now on, instead of the profile, and stops at the plan's end;
     * the returned stage completes then (it is cancelled when {@link #stop()} or another plan
     * comes first).
     */
    CompletableFuture<Void> play(TrafficSchedule plan);

    /** Whether a plan is being sent. */
    boolean isPlaying();

    /** Stops sending (a plan too); requests already sent finish and are counted. */
    void stop();

    boolean isRunning();

    /** Takes effect at the next tick. */
    void setProfile(TrafficProfile newProfile);

    TrafficProfile profile();

    TrafficCounts counts();
}
