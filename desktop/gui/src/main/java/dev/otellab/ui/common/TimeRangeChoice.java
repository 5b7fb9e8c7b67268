package dev.otellab.ui.common;

import dev.otellab.presentation.TimeText;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time windows a search offers: the last few minutes or hours, everything, or custom; and,
 * for the charts, the running lab's own span, which only a view that knows the lab's start resolves.
 */
public enum TimeRangeChoice {
    /** From the lab's start until now (the SLIs view resolves it; {@link #resolve} cannot). */
    LAB_RUN("This lab run", null),
    LAST_5_MINUTES("Last 5 minutes", Duration.ofMinutes(5)),
    LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_6_HOURS("Last 6 hours", Duration.ofHours(6)),
    LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
    ANY_TIME("Any time", null),
    CUSTOM("Custom…", null);

    /** The choices of a search form (every choice but {@link #LAB_RUN}). */
    public static final java.util.List<TimeRangeChoice> SEARCHES = java.util.Arrays.stream(values())
            .filter(choice -> choice != LAB_RUN).toList();

    /** How custom bounds are typed, in the user's time zone. */
    public static final String CUSTOM_PATTERN = "yyyy-MM-dd HH:mm[:ss]";
    private static final DateTimeFormatter CUSTOM_FORMAT = DateTimeFormatter.ofPattern(CUSTOM_PATTERN);

    private final String label;
    private final Duration length;

    TimeRangeChoice(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The range this choice means now. For {@link #CUSTOM}, {@code from} and {@code to} are
     * parsed (an empty bound is open); IllegalArgumentException explains a bad one.
     */
    public TimeRange resolve(Clock clock, String from, String to) {
        if (this == LAB_RUN) {
            throw new IllegalStateException("The lab run's range needs the lab's start: the view resolves it");
        }
        if (this == ANY_TIME) {
            return TimeRange.all();
        }
        if (this != CUSTOM) {
            return TimeRange.last(length, clock);
        }
        long fromNanos = isBlank(from) ? 0 : parseBound(from, clock.getZone(), "from");
        long toNanos = isBlank(to) ? Long.MAX_VALUE : parseBound(to, clock.getZone(), "to");
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("The custom range ends before it starts");
        }
        return new TimeRange(fromNanos, toNanos);
    }

    /**
     * Like {@link #resolve}, for views that need a closed range (rates, charts): a custom range
     * must have a start ({@code why} says what needs it) and an open end ends now.
     */
    public TimeRange resolveClosed(Clock clock, String from, String to, String why) {
        TimeRange resolved = resolve(clock, from, to);
        if (resolved.fromUnixNano() == 0) {
            throw new IllegalArgumentException("Give the start of the custom range: " + why);
        }
        if (resolved.toUnixNano() == Long.MAX_VALUE) {
            long now = TimeRange.toNanos(clock.instant());
            if (now <= resolved.fromUnixNano()) {
                throw new IllegalArgumentException("The custom range starts in the future");
            }
            return new TimeRange(resolved.fromUnixNano(), now);
        }
        return resolved;
    }

    /** The validation message for the custom bounds, or "" when they are fine (or not used). */
    public String problem(Clock clock, String from, String to) {
        if (this != CUSTOM) {
            return "";
        }
        try {
            resolve(clock, from, to);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static String formatBound(long unixNano, ZoneId zone) {
        return CUSTOM_FORMAT.format(TimeText.instant(unixNano).atZone(zone));
    }

    private static long parseBound(String text, ZoneId zone, String which) {
        try {
            LocalDateTime local = LocalDateTime.parse(text.trim(), CUSTOM_FORMAT);
            return TimeRange.toNanos(local.atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a valid '" + which
                    + "' time: write it as " + CUSTOM_PATTERN + ", e.g. 2026-11-25 09:30");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
