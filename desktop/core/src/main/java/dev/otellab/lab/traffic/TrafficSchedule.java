package dev.otellab.lab.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traffic with an end: profiles one after the other, each for its time (e.g. a steady mix, a
 * burst of the same mix at a higher rate, the steady mix again). The generator stops after the
 * last phase.
 */
public record TrafficSchedule(List<Phase> phases) {

    /** One profile for a while. */
    public record Phase(Duration length, TrafficProfile profile) {
        public Phase {
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("A traffic phase lasts longer than 0 s");
            }
            if (profile == null) {
                throw new IllegalArgumentException("A traffic phase needs a profile");
            }
        }
    }

    public TrafficSchedule {
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("A traffic plan has at least one phase");
        }
        phases = List.copyOf(phases);
    }

    /** One profile for {@code length}. */
    public static TrafficSchedule steady(TrafficProfile profile, Duration length) {
        return new TrafficSchedule(List.of(new Phase(length, profile)));
    }

    /**
     * {@code base} for {@code length}, except from {@code burstAfter} for {@code burstLength},
     * when the same mix is sent at {@code burstRate} requests per second.
     */
    public static TrafficSchedule withBurst(TrafficProfile base, Duration length, Duration burstAfter,
                                        Duration burstLength, double burstRate) {
        if (burstAfter.isNegative() || burstAfter.plus(burstLength).compareTo(length) > 0) {
            throw new IllegalArgumentException("The burst (after " + burstAfter.toMillis() / 1000.0 + " s, for "
                    + burstLength.toMillis() / 1000.0 + " s) does not fit in the " + length.toMillis() / 1000.0
                    + " s of traffic");
        }
        List<Phase> phases = new ArrayList<>();
        if (!burstAfter.isZero()) {
            phases.add(new Phase(burstAfter, base));
        }
        phases.add(new Phase(burstLength, base.withRequestsPerSecond(burstRate)));
        Duration rest = length.minus(burstAfter).minus(burstLength);
        if (!rest.isZero()) {
            phases.add(new Phase(rest, base));
        }
        return new TrafficSchedule(phases);
    }

    public Duration length() {
        Duration total = Duration.ZERO;
        for (Phase phase : phases) {
            total = total.plus(phase.length());
        }
        return total;
    }

    /** The profile in force {@code elapsed} after the plan began; empty once it is over. */
    public Optional<TrafficProfile> profileAt(Duration elapsed) {
        Duration phaseEnd = Duration.ZERO;
        for (Phase phase : phases) {
            phaseEnd = phaseEnd.plus(phase.length());
            if (elapsed.compareTo(phaseEnd) < 0) {
                return Optional.of(phase.profile());
            }
        }
        return Optional.empty();
    }

    /** The longest a request of this plan may take to answer (its slowest delay or work). */
    public Duration longestRequest() {
        Duration longest = Duration.ZERO;
        for (Phase phase : phases) {
            TrafficProfile profile = phase.profile();
            if (profile.slowShare() > 0 && profile.slowDelay().compareTo(longest) > 0) {
                longest = profile.slowDelay();
            }
            if (profile.workShare() > 0 && profile.workTime().compareTo(longest) > 0) {
                longest = profile.workTime();
            }
        }
        return longest;
    }
}
