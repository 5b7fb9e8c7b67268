package dev.otellab.lab.docker.compose;

/** What a service waits for before it starts (compose's depends_on conditions). */
public enum DependencyCondition {
    /** service_started: the dependency's container runs. */
    STARTED,
    /** service_healthy: the dependency is ready (healthcheck, ready URL, or running). */
    HEALTHY
}
