package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceTags;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Attribute names and values for the search form, from the embedded store: read from the newest
 * {@link #SCANNED_SPANS} spans of the newest traces in the range (span attributes and their
 * resources' attributes), so a store of millions of spans answers as fast as a small one.
 */
public final class EmbeddedTraceTags implements TraceTags {
    /** How many of the newest spans in the range are read: enough to see every attribute a lab's services set. */
    static final int SCANNED_SPANS = 2_000;
    /** At most this many values are listed for one name. */
    static final int MAX_VALUES = 200;

    private final ReadConnections connections;

    EmbeddedTraceTags(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<String> tagNames(TimeRange range) {
        Set<String> names = new TreeSet<>();
        scan(range, (attributes, resource) -> {
            names.addAll(AttributeCodec.decode(attributes).keySet());
            names.addAll(resource.keySet());
        });
        return List.copyOf(names);
    }

    @Override
    public List<String> tagValues(String name, TimeRange range) {
        Set<String> values = new TreeSet<>();
        scan(range, (attributes, resource) -> {
            String text = AttributeCodec.findText(attributes, name);
            if (text == null && resource.containsKey(name)) {
                text = Attributes.asText(resource.get(name));
            }
            if (text != null && !text.isEmpty() && values.size() < MAX_VALUES) {
                values.add(text);
            }
        });
        return List.copyOf(values);
    }

    /** Calls {@code each} with the encoded attributes and the resource's attributes of each scanned span. */
    private void scan(TimeRange range, BiConsumer<byte[], Map<String, Object>> each) {
        connections.read("attribute names", connection -> {
            // newest traces first (index on start), their spans read together as they are stored
            List<Object> parameters = new ArrayList<>();
            String traces = TimeBucket.range("t.start_ns", range.fromUnixNano(), range.toUnixNano(), parameters);
            parameters.add(range.fromUnixNano());
            parameters.add(range.toUnixNano());
            parameters.add(SCANNED_SPANS);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT s.attrs, s.resource_id FROM traces t JOIN spans s ON s.trace_ref = t.id WHERE " + traces
                    + " AND s.start_ns >= ? AND s.start_ns < ? ORDER BY " + TimeBucket.newestFirst("t.start_ns")
                    + " LIMIT ?")) {
                StatementParameters.bind(statement, 1, parameters);
                Set<Long> seenResources = new LinkedHashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(rows.getBytes(1), resourceAttributes(connection, rows.getLong(2), seenResources));
                    }
                }
            }
            return null;
        });
    }

    /** A resource's attributes the first time it is met in a scan, none after (they were counted once). */
    private Map<String, Object> resourceAttributes(Connection connection, long id, Set<Long> seen) throws SQLException {
        return seen.add(id) ? connections.resource(connection, id).attributes() : Map.of();
    }
}
