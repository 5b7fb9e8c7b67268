package dev.otellab.cli;

import dev.otellab.presentation.DurationText;
import picocli.CommandLine;

import java.time.Duration;

/** Durations on the command line, in the window's grammar ({@link DurationText}): 500ms, 1.5s, 15m, 2d. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        try {
            return DurationText.parseRequired(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The shortest exact spelling of a duration in the same units (for messages). */
    static String format(Duration duration) {
        return DurationText.spell(duration);
    }
}
