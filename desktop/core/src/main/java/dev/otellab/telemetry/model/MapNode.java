package dev.otellab.telemetry.model;

import java.util.Objects;

/**
 * A node of the service map. {@code requests} and {@code errors} are the calls it served (its
 * incoming edges); a node nobody calls (the user, the browser) counts the calls it made.
 */
public record MapNode(String id, NodeKind kind, long requests, long errors) {
    public MapNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
