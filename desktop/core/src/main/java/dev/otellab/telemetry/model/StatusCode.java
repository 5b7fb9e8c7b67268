package dev.otellab.telemetry.model;

/** The status of a span: UNSET unless the instrumentation said OK or ERROR. */
public enum StatusCode {
    UNSET, OK, ERROR
}
