package dev.otellab.cli;

import dev.otellab.config.DurationSpelling;
import picocli.CommandLine;

import java.time.Duration;

/** Durations as users type them: a whole number and a unit, e.g. 500ms, 30s, 15m, 1h, 2d. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        try {
            return DurationSpelling.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The shortest exact spelling of a duration in the same units (for messages). */
    static String format(Duration duration) {
        return DurationSpelling.format(duration);
    }
}
