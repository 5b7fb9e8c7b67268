package dev.otellab.presentation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them, the one grammar of the window, the CLI and exercise
 * files: a number (decimals allowed) and a unit, ns, us/µs, ms, s, m, h or d ("250ms", "1.5s",
 * "15m", "2d"); a bare number is milliseconds. Read back as "850 µs", "12.3 ms", "1.25 s".
 */
public final class DurationText {
    private static final Pattern INPUT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h|d)?");
    static final String HINT = "Use a number with a unit, like 250ms, 1.5s, 15m or 2d";

    private DurationText() {
    }

    /**
     * Parses a duration; an empty text means "no bound" and gives null. A bare number is
     * milliseconds. Throws IllegalArgumentException with a sentence for the user otherwise.
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            return null;
        }
        Matcher matcher = INPUT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a duration. " + HINT);
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text.trim() + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** As {@link #parse(String)}, where a duration must be given: an empty text is refused too. */
    public static Duration parseRequired(String text) {
        Duration duration = parse(text);
        if (duration == null) {
            throw new IllegalArgumentException("'' is not a duration. " + HINT);
        }
        return duration;
    }

    /** The validation message for a duration field, or "" when the text is fine. */
    public static String problem(String text) {
        try {
            parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A short human reading: "850 µs", "12.3 ms", "1.25 s", "2 m 5 s". */
    public static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1_000.0) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1_000_000.0) + " ms";
        }
        if (nanos < 60_000_000_000L) {
            return trim(nanos / 1_000_000_000.0) + " s";
        }
        long seconds = nanos / 1_000_000_000L;
        return seconds / 60 + " m " + seconds % 60 + " s";
    }

    /**
     * The shortest spelling in the grammar that reads back exactly, in the largest whole unit
     * ("15m", "2d", "1500ms"), for messages that echo what the user could type.
     */
    public static String spell(Duration duration) {
        long nanos = duration.toNanos();
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        String[] units = {"d", "h", "m", "s", "ms", "us"};
        for (int i = 0; i < sizes.length; i++) {
            if (nanos > 0 && nanos % sizes[i] == 0) {
                return nanos / sizes[i] + units[i];
            }
        }
        return nanos + "ns";
    }

    private static String trim(double value) {
        String text = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }
}
