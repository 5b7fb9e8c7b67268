package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TelemetryIds;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Traces from the embedded store. Search reads the {@code traces} summary table newest first
 * (index on start); span-level criteria (span name, attributes, service together with them) are
 * an EXISTS over the candidate trace's spans (index on trace id), so a search stops as soon as
 * {@code limit} traces match. Attribute values are compared as text ({@code Attributes.asText}).
 */
public final class EmbeddedTraceSource implements TraceSource {
    private static final String SPAN_COLUMNS = "trace_id, span_id, parent_span_id, name, kind, service, start_ns,"
            + " duration_ns, status, status_message, attrs, events, links, resource_id, scope_id";
    private static final SpanKind[] KINDS = SpanKind.values();
    private static final StatusCode[] STATUSES = StatusCode.values();

    private final ReadConnections connections;

    EmbeddedTraceSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.trace_id, t.root_service, t.root_name, t.start_ns, t.end_ns, t.span_count, t.error_count,
                  t.services
                FROM traces t
                WHERE t.start_ns >= ? AND t.start_ns < ?""");
        List<Object> parameters = new ArrayList<>();
        parameters.add(range.fromUnixNano());
        parameters.add(range.toUnixNano());
        if (criteria.minDuration() != null) {
            sql.append(" AND t.end_ns - t.start_ns >= ?");
            parameters.add(criteria.minDuration().toNanos());
        }
        if (criteria.maxDuration() != null) {
            sql.append(" AND t.end_ns - t.start_ns <= ?");
            parameters.add(criteria.maxDuration().toNanos());
        }
        if (criteria.errorsOnly()) {
            sql.append(" AND t.error_count > 0");
        }
        if (!criteria.service().isEmpty()) {
            // Cheap pre-filter on the summary; the EXISTS below ties it to the same span when needed.
            sql.append(" AND instr(t.services, ?) > 0");
            parameters.add(StoreWriter.SERVICE_SEPARATOR + criteria.service() + StoreWriter.SERVICE_SEPARATOR);
        }
        boolean spanLevel = !criteria.spanName().isEmpty() || !criteria.attributes().isEmpty();
        if (spanLevel) {
            sql.append(" AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id");
            if (!criteria.service().isEmpty()) {
                sql.append(" AND s.service = ?");
                parameters.add(criteria.service());
            }
            if (!criteria.spanName().isEmpty()) {
                sql.append(" AND s.name = ?");
                parameters.add(criteria.spanName());
            }
            for (Map.Entry<String, String> attribute : criteria.attributes().entrySet()) {
                sql.append(" AND attr_text(s.attrs, ?) = ?");
                parameters.add(attribute.getKey());
                parameters.add(attribute.getValue());
            }
            sql.append(')');
        }
        sql.append(" ORDER BY t.start_ns DESC LIMIT ?");
        parameters.add(Math.max(0, limit));
        return connections.read("traces", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                List<TraceSummary> summaries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long start = rows.getLong(4);
                        summaries.add(new TraceSummary(AttributeCodec.idHex(rows.getBytes(1)), rows.getString(2),
                                rows.getString(3), start, Math.max(0, rows.getLong(5) - start), rows.getInt(6),
                                rows.getInt(7), splitServices(rows.getString(8))));
                    }
                }
                return summaries;
            }
        });
    }

    @Override
    public Optional<Trace> trace(String traceId) {
        String id = TelemetryIds.normalizeTraceId(traceId);
        List<Span> spans = connections.read("trace " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + SPAN_COLUMNS + " FROM spans WHERE trace_id = ?")) {
                statement.setBytes(1, TelemetryIds.fromHex(id));
                List<Span> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(span(connection, rows));
                    }
                }
                return found;
            }
        });
        return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(id, spans));
    }

    private Span span(Connection connection, ResultSet rows) throws SQLException {
        long start = rows.getLong(7);
        return new Span(AttributeCodec.idHex(rows.getBytes(1)), AttributeCodec.idHex(rows.getBytes(2)),
                AttributeCodec.idHex(rows.getBytes(3)), rows.getString(4), KINDS[rows.getInt(5)], rows.getString(6),
                start, start + rows.getLong(8), STATUSES[rows.getInt(9)], rows.getString(10),
                AttributeCodec.decode(rows.getBytes(11)), AttributeCodec.decodeEvents(rows.getBytes(12), start),
                AttributeCodec.decodeLinks(rows.getBytes(13)), connections.resource(connection, rows.getLong(14)),
                connections.scope(connection, rows.getLong(15)));
    }

    static Set<String> splitServices(String joined) {
        Set<String> services = new LinkedHashSet<>();
        int from = 1;
        while (joined != null && from < joined.length()) {
            int to = joined.indexOf(StoreWriter.SERVICE_SEPARATOR, from);
            if (to < 0) {
                break;
            }
            services.add(joined.substring(from, to));
            from = to + 1;
        }
        return services;
    }
}
