package dev.otellab.ui.sli;

import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloTargets;

import java.util.Locale;

/**
 * The SLO targets as the user types them: availability in percent ("99", "99.9") and the p95
 * latency in milliseconds ("500"). Each method explains a bad value in a sentence.
 */
public final class SloTargetsForm {
    private SloTargetsForm() {
    }

    public static double parseAvailabilityPercent(String text) {
        double value = number(text, "The availability target");
        if (!(value > 0 && value < 100)) {
            throw new IllegalArgumentException("The availability target is a percentage above 0 and below 100, e.g. 99 or 99.9");
        }
        return value;
    }

    public static double parseLatencyMillis(String text) {
        double value = number(text, "The p95 latency target");
        if (!(value > 0)) {
            throw new IllegalArgumentException("The p95 latency target is a positive number of milliseconds, e.g. 500");
        }
        return value;
    }

    public static SloTargets targets(String availabilityPercent, String latencyMillis) {
        return new SloTargets(parseAvailabilityPercent(availabilityPercent) / 100, parseLatencyMillis(latencyMillis));
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

    /** The style class of a health badge: health-green, health-amber, health-red, health-no_data. */
    public static String healthStyle(SloHealth health) {
        return "health-" + health.name().toLowerCase(Locale.ROOT);
    }

    /** The word in a health badge. */
    public static String healthText(SloHealth health) {
        return switch (health) {
            case GREEN -> "OK";
            case AMBER -> "At risk";
            case RED -> "Missed";
            case NO_DATA -> "No data";
        };
    }

    /** The CSS color of a health, for charts and badges drawn in code. */
    public static String healthColor(SloHealth health) {
        return switch (health) {
            case GREEN -> "#2e7d32";
            case AMBER -> "#b26a00";
            case RED -> "#c62828";
            case NO_DATA -> "#6b7280";
        };
    }

    public static String formatPercent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "–";
        }
        double percent = ratio * 100;
        return (percent >= 99.95 && percent < 100 ? String.format(Locale.ROOT, "%.2f", percent)
                : String.format(Locale.ROOT, "%.1f", percent)) + " %";
    }

    public static String formatMillis(double millis) {
        if (!Double.isFinite(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    public static String formatBurnRate(double burnRate) {
        return Double.isFinite(burnRate) ? String.format(Locale.ROOT, "%.2f×", burnRate) : "–";
    }

    private static double number(String text, String what) {
        String trimmed = text == null ? "" : text.strip().replace("%", "").replace("ms", "").strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is a number; '" + text.strip() + "' is not");
        }
    }
}
