package dev.otellab.lab.docker.stack;

import dev.otellab.lab.docker.compose.PortMapping;
import java.util.List;

/**
 * One service as the engine reports it: state, the container healthcheck's status ("healthy",
 * "starting", "unhealthy", or "" when there is none), published ports and a line for the user.
 */
public record ServiceStatus(String service, ServiceState state, String health, List<PortMapping> ports, String detail) {
    public ServiceStatus {
        ports = List.copyOf(ports);
        health = health == null ? "" : health;
        detail = detail == null ? "" : detail;
    }

    public static ServiceStatus absent(String service) {
        return new ServiceStatus(service, ServiceState.ABSENT, "", List.of(), "");
    }
}
