package dev.otellab.ui.common;

import java.time.Instant;
import java.time.ZoneId;

/** The views' name for {@link dev.otellab.presentation.TimeText}, where both faces' timestamps are written. */
public final class TimeText {
    private TimeText() {
    }

    public static Instant instant(long unixNano) {
        return dev.otellab.presentation.TimeText.instant(unixNano);
    }

    public static String dateTime(long unixNano, ZoneId zone) {
        return dev.otellab.presentation.TimeText.dateTime(unixNano, zone);
    }

    public static String time(long unixNano, ZoneId zone) {
        return dev.otellab.presentation.TimeText.time(unixNano, zone);
    }
}
