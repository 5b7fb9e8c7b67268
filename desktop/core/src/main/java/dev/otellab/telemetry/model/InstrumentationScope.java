package dev.otellab.telemetry.model;

/** The library that produced a span or log record. */
public record InstrumentationScope(String name, String version) {
    public static final InstrumentationScope UNKNOWN = new InstrumentationScope("", "");

    public InstrumentationScope {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }
}
