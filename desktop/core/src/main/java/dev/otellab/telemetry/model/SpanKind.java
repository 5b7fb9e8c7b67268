package dev.otellab.telemetry.model;

/** The role of a span in a request, as OpenTelemetry defines it. */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
}
