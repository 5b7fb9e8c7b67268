package dev.otellab.telemetry.model;

import java.util.Map;

/** A timestamped event on a span, e.g. an "exception" with its type, message and stack. */
public record SpanEvent(long timeUnixNano, String name, Map<String, Object> attributes) {
    public static final String EXCEPTION = "exception";

    public SpanEvent {
        name = name == null ? "" : name;
        attributes = Attributes.copyOf(attributes);
    }

    public boolean isException() {
        return EXCEPTION.equals(name);
    }
}
