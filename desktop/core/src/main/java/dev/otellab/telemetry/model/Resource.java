package dev.otellab.telemetry.model;

import java.util.Map;

/** The entity that produced telemetry (service, host, process, SDK...). */
public record Resource(Map<String, Object> attributes) {
    public static final String SERVICE_NAME = "service.name";
    public static final String UNKNOWN_SERVICE = "unknown_service";
    public static final Resource EMPTY = new Resource(Map.of());

    public Resource {
        attributes = Attributes.copyOf(attributes);
    }

    public String serviceName() {
        Object name = attributes.get(SERVICE_NAME);
        return name == null || name.toString().isBlank() ? UNKNOWN_SERVICE : name.toString();
    }
}
