package dev.otellab.ui.common;

import java.time.Duration;

/** The views' name for {@link dev.otellab.presentation.DurationText}, where both faces' duration text lives. */
public final class DurationText {
    private DurationText() {
    }

    public static Duration parse(String text) {
        return dev.otellab.presentation.DurationText.parse(text);
    }

    public static String problem(String text) {
        return dev.otellab.presentation.DurationText.problem(text);
    }

    public static String format(long nanos) {
        return dev.otellab.presentation.DurationText.format(nanos);
    }
}
