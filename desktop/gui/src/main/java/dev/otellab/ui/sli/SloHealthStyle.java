package dev.otellab.ui.sli;

import dev.otellab.telemetry.model.SloHealth;

import java.util.Locale;

/**
 * How the window paints an SLO's health: the badge's style class and the colour of charts drawn
 * in code. The words and numbers of both faces are in {@link dev.otellab.presentation.SloText}.
 */
public final class SloHealthStyle {
    private SloHealthStyle() {
    }

    /** The style class of a health badge: health-green, health-amber, health-red, health-no_data. */
    public static String healthStyle(SloHealth health) {
        return "health-" + health.name().toLowerCase(Locale.ROOT);
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
}
