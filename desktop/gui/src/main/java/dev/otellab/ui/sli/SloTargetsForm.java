package dev.otellab.ui.sli;

import dev.otellab.presentation.SloText;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloTargets;

import java.util.Locale;

/**
 * The SLIs view's SLO text: the parsing and numbers of both faces come from {@link SloText};
 * the badge's style class and colour are the window's own.
 */
public final class SloTargetsForm {
    private SloTargetsForm() {
    }

    public static double parseAvailabilityPercent(String text) {
        return SloText.parseAvailabilityPercent(text);
    }

    public static double parseLatencyMillis(String text) {
        return SloText.parseLatencyMillis(text);
    }

    public static SloTargets targets(String availabilityPercent, String latency) {
        return SloText.targets(availabilityPercent, latency);
    }

    public static String availabilityProblem(String text) {
        return SloText.availabilityProblem(text);
    }

    public static String latencyProblem(String text) {
        return SloText.latencyProblem(text);
    }

    /** The style class of a health badge: health-green, health-amber, health-red, health-no_data. */
    public static String healthStyle(SloHealth health) {
        return "health-" + health.name().toLowerCase(Locale.ROOT);
    }

    /** The word in a health badge. */
    public static String healthText(SloHealth health) {
        return SloText.healthText(health);
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
        return SloText.formatPercent(ratio);
    }

    public static String formatMillis(double millis) {
        return SloText.formatMillis(millis);
    }

    public static String formatBurnRate(double burnRate) {
        return SloText.formatBurnRate(burnRate);
    }
}
