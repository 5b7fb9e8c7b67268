package dev.otellab.ui.sli;

import dev.otellab.lab.LabEngine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lab run of this window: from the moment its traffic generator appeared (a start, or a lab
 * found running) until it went away (a stop), the last run kept after a stop so the charts still
 * show it. Empty before any run. Thread-safe (the engine reports status on its own threads).
 */
public final class LabRunSpan implements Supplier<Optional<LabRunSpan.Run>> {
    /** For a console without a lab (files only, tests): the lab never ran. */
    public static final Supplier<Optional<Run>> NEVER = Optional::empty;

    /** One run: its start, and its stop once it stopped. */
    public record Run(Instant started, Optional<Instant> stopped) {
    }

    private final Clock clock;
    private Run last;

    LabRunSpan(Clock clock) {
        this.clock = clock;
    }

    /** Follows {@code engine}'s runs from now on. */
    public static LabRunSpan following(LabEngine engine, Clock clock) {
        LabRunSpan span = new LabRunSpan(clock);
        span.seen(engine.traffic().isPresent());
        engine.addStatusListener(status -> span.seen(engine.traffic().isPresent()));
        return span;
    }

    @Override
    public synchronized Optional<Run> get() {
        return Optional.ofNullable(last);
    }

    /** The lab runs ({@code true}) or not, as of now. */
    synchronized void seen(boolean running) {
        boolean wasRunning = last != null && last.stopped().isEmpty();
        if (running && !wasRunning) {
            last = new Run(clock.instant(), Optional.empty());
        } else if (!running && wasRunning) {
            last = new Run(last.started(), Optional.of(clock.instant()));
        }
    }
}
