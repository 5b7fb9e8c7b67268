package dev.otellab.telemetry.embedded.receiver;

/** The three OTLP signals, with the words OTLP uses for their items. */
enum Signal {
    TRACES("spans", "/v1/traces"),
    LOGS("log records", "/v1/logs"),
    METRICS("data points", "/v1/metrics");

    private final String items;
    private final String httpPath;

    Signal(String items, String httpPath) {
        this.items = items;
        this.httpPath = httpPath;
    }

    String items() {
        return items;
    }

    String httpPath() {
        return httpPath;
    }
}
