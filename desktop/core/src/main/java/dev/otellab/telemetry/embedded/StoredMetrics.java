package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.MetricType;
import dev.otellab.telemetry.query.TimeRange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric points services sent to the console (embedded mode keeps them so nothing is lost;
 * the views' SLIs come from spans). A plain read API of the store, not a port.
 */
public final class StoredMetrics {
    private static final MetricType[] TYPES = MetricType.values();

    private final ReadConnections connections;

    StoredMetrics(ReadConnections connections) {
        this.connections = connections;
    }

    /** Names of the metrics with points in {@code range}, sorted. */
    public List<String> names(TimeRange range) {
        return connections.read("metric names", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT name FROM metric_points WHERE time_ns >= ? AND time_ns < ? ORDER BY name")) {
                statement.setLong(1, range.fromUnixNano());
                statement.setLong(2, range.toUnixNano());
                List<String> names = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** Points of metric {@code name} in {@code range}, oldest first, at most {@code limit}. */
    public List<MetricPoint> points(String name, TimeRange range, int limit) {
        return connections.read("metric " + name, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT name, description, unit, type, monotonic, service, start_ns, time_ns, attrs, value, count,
                      sum, bounds, bucket_counts, resource_id
                    FROM metric_points WHERE name = ? AND time_ns >= ? AND time_ns < ? ORDER BY time_ns, id LIMIT ?""")) {
                statement.setString(1, name);
                statement.setLong(2, range.fromUnixNano());
                statement.setLong(3, range.toUnixNano());
                statement.setInt(4, Math.max(0, limit));
                List<MetricPoint> points = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        points.add(new MetricPoint(rows.getString(1), rows.getString(2), rows.getString(3),
                                TYPES[rows.getInt(4)], rows.getInt(5) != 0, rows.getString(6), rows.getLong(7),
                                rows.getLong(8), AttributeCodec.decode(rows.getBytes(9)), rows.getDouble(10),
                                rows.getLong(11), rows.getDouble(12), doubles(rows.getBytes(13)),
                                longs(rows.getBytes(14)), connections.resource(connection, rows.getLong(15))));
                    }
                }
                return points;
            }
        });
    }

    private static List<Double> doubles(byte[] encoded) {
        List<Double> values = new ArrayList<>();
        for (Object value : AttributeCodec.decodeList(encoded)) {
            values.add(((Number) value).doubleValue());
        }
        return values;
    }

    private static List<Long> longs(byte[] encoded) {
        List<Long> values = new ArrayList<>();
        for (Object value : AttributeCodec.decodeList(encoded)) {
            values.add(((Number) value).longValue());
        }
        return values;
    }
}
