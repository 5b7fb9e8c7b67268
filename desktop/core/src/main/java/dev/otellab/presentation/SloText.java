package dev.otellab.presentation;

import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloTargets;

import java.time.Duration;
import java.util.Locale;

/**
 * SLO targets as the user types them, in the window and on the command line: availability in
 * percent ("99", "99.9", "99.9 %") and the p95 latency as a {@link DurationText} ("500ms",
 * "0.5s", or a bare "500" meaning milliseconds). And SLI numbers and health as both faces show
 * them. Each parse method explains a bad value in a sentence.
 */
public final class SloText {
    private static final String LATENCY_HINT =
            "The p95 latency target is a positive duration like 500ms or 0.5s (a bare number is milliseconds)";

    private SloText() {
    }

    public static double parseAvailabilityPercent(String text) {
        String trimmed = text == null ? "" : text.strip().replace("%", "").strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The availability target is empty");
        }
        double value;
        try {
            value = Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The availability target is a number; '" + text.strip() + "' is not");
        }
        if (!(value > 0 && value < 100)) {
            throw new IllegalArgumentException("The availability target is a percentage above 0 and below 100, e.g. 99 or 99.9");
        }
        return value;
    }

    public static double parseLatencyMillis(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The p95 latency target is empty");
        }
        Duration duration;
        try {
            duration = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LATENCY_HINT + "; '" + text.strip() + "' is not");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException(LATENCY_HINT + "; '" + text.strip() + "' is not");
        }
        return duration.toNanos() / 1e6;
    }

    public static SloTargets targets(String availabilityPercent, String latency) {
        return new SloTargets(parseAvailabilityPercent(availabilityPercent) / 100, parseLatencyMillis(latency));
    }

    public static String availabilityProblem(String text) {
        try {
            parseAvailabilityPercent(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static String latencyProblem(String text) {
        try {
            parseLatencyMillis(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The one word for a health, in the window's badges and the CLI's tables. */
    public static String healthText(SloHealth health) {
        return switch (health) {
            case GREEN -> "OK";
            case AMBER -> "At risk";
            case RED -> "Missed";
            case NO_DATA -> "No data";
        };
    }

    /** A ratio in percent: "97.5 %", with two decimals just under 100 ("99.97 %"); "–" when unknown. */
    public static String formatPercent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "–";
        }
        double percent = ratio * 100;
        return (percent >= 99.95 && percent < 100 ? String.format(Locale.ROOT, "%.2f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + " %";
    }

    /** A latency in milliseconds, always in ms so that a column compares at a glance; "–" when unknown. */
    public static String formatMillis(double millis) {
        if (!Double.isFinite(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    public static String formatBurnRate(double burnRate) {
        return Double.isFinite(burnRate) ? String.format(Locale.ROOT, "%.2f×", burnRate) : "–";
    }

    /** A rate per second: "12.50/s"; "–" when unknown. */
    public static String formatRate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%.2f/s", perSecond) : "–";
    }
}
