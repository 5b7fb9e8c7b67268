package dev.otellab.telemetry.diff;

/** One attribute that differs between two aligned spans; a side without the attribute is null. */
public record AttributeChange(String key, String a, String b) {
}
