package dev.otellab.telemetry.model;

/**
 * Log severity ranges of the OpenTelemetry log data model: each level covers four numbers
 * (TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24).
 */
public enum Severity {
    UNSPECIFIED(0), TRACE(1), DEBUG(5), INFO(9), WARN(13), ERROR(17), FATAL(21);

    private final int lowestNumber;

    Severity(int lowestNumber) {
        this.lowestNumber = lowestNumber;
    }

    public int lowestNumber() {
        return lowestNumber;
    }

    public static Severity ofNumber(int number) {
        if (number <= 0) {
            return UNSPECIFIED;
        }
        if (number >= FATAL.lowestNumber) {
            return FATAL;
        }
        return values()[(number - 1) / 4 + 1];
    }

    /** Parses a level name as users and SDKs write it (warn, WARNING, err, Information...). */
    public static Severity parse(String text) {
        String upper = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (upper) {
            case "TRACE" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "INFO", "INFORMATION" -> INFO;
            case "WARN", "WARNING" -> WARN;
            case "ERROR", "ERR" -> ERROR;
            case "FATAL", "CRITICAL" -> FATAL;
            default -> throw new IllegalArgumentException(
                    "Unknown severity '" + text + "': use trace, debug, info, warn, error or fatal");
        };
    }
}
