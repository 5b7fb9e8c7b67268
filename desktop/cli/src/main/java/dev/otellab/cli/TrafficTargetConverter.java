package dev.otellab.cli;

import dev.otellab.lab.traffic.TrafficTarget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Reads --traffic-to: web or backend. */
final class TrafficTargetConverter implements ITypeConverter<TrafficTarget> {
    @Override
    public TrafficTarget convert(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "web" -> TrafficTarget.WEB;
            case "backend" -> TrafficTarget.BACKEND;
            default -> throw new TypeConversionException("'" + value + "' is not a traffic target: use web or backend");
        };
    }
}
