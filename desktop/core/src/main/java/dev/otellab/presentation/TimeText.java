package dev.otellab.presentation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Timestamps as the window and the CLI show them, in the user's time zone. */
public final class TimeText {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private TimeText() {
    }

    public static Instant instant(long unixNano) {
        return Instant.ofEpochSecond(Math.floorDiv(unixNano, 1_000_000_000L), Math.floorMod(unixNano, 1_000_000_000L));
    }

    public static String dateTime(long unixNano, ZoneId zone) {
        return DATE_TIME.format(instant(unixNano).atZone(zone));
    }

    /** Date and time in this machine's time zone (the CLI's). */
    public static String dateTime(long unixNano) {
        return dateTime(unixNano, ZoneId.systemDefault());
    }

    public static String time(long unixNano, ZoneId zone) {
        return TIME.format(instant(unixNano).atZone(zone));
    }
}
