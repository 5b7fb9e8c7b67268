package dev.otellab.lab.docker.stack;

/** Where one service's container stands. */
public enum ServiceState {
    /** No container for the service (never created, or removed by reset). */
    ABSENT,
    /** Created, stopped or ended: the container and its data are there, it does not run. */
    STOPPED,
    /** Running but not ready yet (healthcheck starting, ready URL not answering). */
    STARTING,
    /** Running and ready. */
    HEALTHY,
    /** Running, but its healthcheck fails. */
    UNHEALTHY
}
