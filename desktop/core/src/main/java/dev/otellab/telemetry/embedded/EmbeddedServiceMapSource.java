package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.map.CallSpan;
import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.map.ServiceMapBuilder;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service map from stored spans: the traces that started in the range (index on start),
 * and of each only its SERVER, CLIENT, PRODUCER and CONSUMER spans (a short range of the span
 * table, which is clustered by trace), paired in Java by {@link ServiceCalls}, so the rule is
 * the one the waterfall's flow uses. Attributes are decoded only for CLIENT spans nobody
 * answered, one key at a time, without building the map.
 */
public final class EmbeddedServiceMapSource implements ServiceMapSource {
    private static final SpanKind[] KINDS = SpanKind.values();
    private static final int ERROR = StatusCode.ERROR.ordinal();
    private static final String SQL = """
            SELECT s.trace_ref, s.span_id, s.parent_span_id, s.kind, s.service, s.duration_ns, s.status,
              s.resource_id, CASE WHEN s.kind IN (3, 4) THEN s.attrs END
            FROM traces t JOIN spans s ON s.trace_ref = t.id
            WHERE %s AND s.kind IN (2, 3, 4, 5)
            ORDER BY s.trace_ref""".formatted(TimeBucket.rangeSql("t.start_ns"));

    private final ReadConnections connections;

    EmbeddedServiceMapSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public ServiceMap map(TimeRange range) {
        return connections.read("the service map", connection -> {
            ServiceMapBuilder builder = new ServiceMapBuilder();
            Map<Long, Boolean> browserResources = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                TimeBucket.bindRange(statement, 1, range.fromUnixNano(), range.toUnixNano());
                try (ResultSet rows = statement.executeQuery()) {
                    List<CallSpan> trace = new ArrayList<>();
                    long traceRef = Long.MIN_VALUE;
                    while (rows.next()) {
                        long ref = rows.getLong(1);
                        if (ref != traceRef && !trace.isEmpty()) {
                            builder.addAll(ServiceCalls.of(trace));
                            trace = new ArrayList<>();
                        }
                        traceRef = ref;
                        trace.add(span(connection, rows, browserResources));
                    }
                    builder.addAll(ServiceCalls.of(trace));
                }
            }
            return builder.build(range);
        });
    }

    private CallSpan span(Connection connection, ResultSet rows, Map<Long, Boolean> browserResources)
            throws SQLException {
        String service = rows.getString(5);
        long resourceId = rows.getLong(8);
        Boolean browser = browserResources.get(resourceId);
        if (browser == null) {
            Resource resource = connections.resource(connection, resourceId);
            Object language = resource.attributes().get("telemetry.sdk.language");
            browser = CallSpan.isBrowser(service, language == null ? null : language.toString());
            browserResources.put(resourceId, browser);
        }
        byte[] attributes = rows.getBytes(9);
        return new CallSpan(AttributeCodec.idHex(rows.getBytes(2)), AttributeCodec.idHex(rows.getBytes(3)),
                KINDS[rows.getInt(4)], service, browser, rows.getLong(6), rows.getInt(7) == ERROR,
                key -> AttributeCodec.findText(attributes, key));
    }
}
