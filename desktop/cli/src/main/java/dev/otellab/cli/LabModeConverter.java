package dev.otellab.cli;

import dev.otellab.lab.LabMode;
import picocli.CommandLine;

import java.util.Locale;

/** `--mode embedded|docker|remote`, any case; anything else is named with the choices. */
final class LabModeConverter implements CommandLine.ITypeConverter<LabMode> {
    @Override
    public LabMode convert(String value) {
        try {
            return LabMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a mode: use embedded, docker or remote");
        }
    }
}
