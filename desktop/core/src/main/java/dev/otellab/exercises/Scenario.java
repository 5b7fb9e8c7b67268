package dev.otellab.exercises;

import dev.otellab.lab.traffic.TrafficSchedule;
import dev.otellab.lab.traffic.TrafficProfile;

import java.time.Duration;
import java.util.Locale;

/**
 * The traffic an exercise sends before its question: a rate and how requests are shared among
 * lab-backend's routes (slow ones on /api/simulate-slow, failing ones on /api/reports/overdue, CPU
 * work on /api/work, task CRUD for the rest), for {@code duration}, with an optional burst.
 * Percentages are 0 to 100; missing delays take the generator's defaults.
 */
public record Scenario(
        Duration duration,
        double requestsPerSecond,
        double slowPercent,
        Duration slowDelay,
        double failingPercent,
        double workPercent,
        Duration workTime,
        Burst burst) {

    public static final Duration LONGEST = Duration.ofMinutes(10);

    /** The same mix at {@code requestsPerSecond}, from {@code after} for {@code length}. */
    public record Burst(Duration after, Duration length, double requestsPerSecond) {
        public Burst {
            if (after == null || length == null) {
                throw new IllegalArgumentException("A burst needs 'after' and 'length', e.g. after: 10s, length: 20s");
            }
        }
    }

    public Scenario {
        if (duration == null || duration.isZero()) {
            throw new IllegalArgumentException("A scenario needs a duration, e.g. duration: 30s");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("A scenario lasts at most 10m, got " + duration.toSeconds() + " s");
        }
        slowDelay = slowDelay == null ? TrafficProfile.DEFAULT.slowDelay() : slowDelay;
        workTime = workTime == null ? TrafficProfile.DEFAULT_WORK_TIME : workTime;
        plan(duration, profileOf(requestsPerSecond, slowPercent, slowDelay, failingPercent, workPercent, workTime), burst);
    }

    /** The steady mix (without the burst). */
    public TrafficProfile profile() {
        return profileOf(requestsPerSecond, slowPercent, slowDelay, failingPercent, workPercent, workTime);
    }

    /** What the traffic generator plays. */
    public TrafficSchedule plan() {
        return plan(duration, profile(), burst);
    }

    /** One line for the learner: "30 s at 8 req/s, 12% failing". */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d s of traffic at %s req/s",
                duration.toSeconds(), number(requestsPerSecond)));
        if (burst != null) {
            text.append(String.format(Locale.ROOT, ", with a burst of %s req/s", number(burst.requestsPerSecond())));
        }
        return text.toString();
    }

    private static TrafficSchedule plan(Duration duration, TrafficProfile profile, Burst burst) {
        if (burst == null) {
            return TrafficSchedule.steady(profile, duration);
        }
        return TrafficSchedule.withBurst(profile, duration, burst.after(), burst.length(), burst.requestsPerSecond());
    }

    private static TrafficProfile profileOf(double rate, double slowPercent, Duration slowDelay, double failingPercent,
                                            double workPercent, Duration workTime) {
        return new TrafficProfile(rate, slowPercent / 100, failingPercent / 100, slowDelay, workPercent / 100, workTime);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
