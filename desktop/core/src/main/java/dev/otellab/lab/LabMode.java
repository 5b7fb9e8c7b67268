package dev.otellab.lab;

/** Where the lab's telemetry goes and where the console reads it from. */
public enum LabMode {
    /** The console's own OTLP receiver and store; no Docker needed. */
    EMBEDDED,
    /** The Grafana LGTM stack run in Docker by the console. */
    DOCKER,
    /** A team's existing stack, reached by URL. */
    REMOTE
}
