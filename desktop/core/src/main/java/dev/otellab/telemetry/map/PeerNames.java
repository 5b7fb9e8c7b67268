package dev.otellab.telemetry.map;

import dev.otellab.telemetry.model.NodeKind;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Names the node a CLIENT span called when no instrumented service answered it: the first
 * attribute found of {@link #PEER_ATTRIBUTES}, in Tempo's metrics-generator order (its
 * peer_attributes as stack/tempo/tempo.yaml sets them). It is a database when the span has any
 * db.* name or system attribute (old or stable semantic conventions), else an uninstrumented peer.
 */
public final class PeerNames {
    /** The order Tempo's service-graphs processor is configured with; keep both in step. */
    public static final List<String> PEER_ATTRIBUTES = List.of(
            "peer.service", "db.name", "db.system", "db.namespace", "db.system.name", "server.address");
    static final List<String> DATABASE_ATTRIBUTES = List.of("db.name", "db.system", "db.namespace", "db.system.name");

    private PeerNames() {
    }

    /** The called node's name and kind, or empty when the span names no peer (no edge then). */
    public static Optional<Peer> of(Function<String, String> attribute) {
        String name = null;
        for (String key : PEER_ATTRIBUTES) {
            String value = attribute.apply(key);
            if (value != null && !value.isEmpty()) {
                name = value;
                break;
            }
        }
        if (name == null) {
            return Optional.empty();
        }
        for (String key : DATABASE_ATTRIBUTES) {
            String value = attribute.apply(key);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Peer(name, NodeKind.DATABASE));
            }
        }
        return Optional.of(new Peer(name, NodeKind.PEER));
    }

    /** A called node that sends no spans. */
    public record Peer(String name, NodeKind kind) {
    }
}
