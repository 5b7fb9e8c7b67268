package dev.otellab.telemetry.model;

/** The OTLP metric data kinds the embedded store keeps. */
public enum MetricType {
    GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY
}
