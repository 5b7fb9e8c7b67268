package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;

import java.nio.charset.StandardCharsets;
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
 * (index on the start's {@link TimeBucket} slot); span-level criteria (span name, attributes, service together with them) are
 * an EXISTS over the candidate trace's spans (stored together, keyed by the trace), so a search
 * stops as soon as {@code limit} traces match. When a span name is rare in the range (in fewer
 * than {@link #RARE_NAME} traces), the candidates come from the {@code span_name_traces} table
 * instead (decision 0059), so a search for something rare does not walk every trace. The operation
 * filter matches parts of names, which no index can seek: the names containing it are first found in
 * the small {@code span_name_list} table (one row per distinct name), then looked up in
 * {@code span_name_traces} by name (decision 0050). Attribute values (of the span or of its
 * resource) are compared as text ({@code Attributes.asText}) by a filtered scan: narrow the time
 * range for rare values.
 */
public final class EmbeddedTraceSource implements TraceSource {
    private static final String SPAN_COLUMNS = "s.span_id, s.parent_span_id, s.name, s.kind, s.service, s.start_ns,"
            + " s.duration_ns, s.status, s.status_message, s.attrs, s.events, s.links, s.resource_id, s.scope_id";
    private static final SpanKind[] KINDS = SpanKind.values();
    private static final StatusCode[] STATUSES = StatusCode.values();

    /** Below this many traces with a span of a name in the range, search starts from span_name_traces. */
    static final int RARE_NAME = 2_000;
    /** Matching names bound one by one in the queries; past this many they are selected by a subquery. */
    static final int LISTED_NAMES = 500;

    private final ReadConnections connections;

    EmbeddedTraceSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
        return connections.read("traces", connection -> {
            NameFilter names = null;
            boolean rareName = false;
            if (!criteria.spanName().isEmpty()) {
                names = NameFilter.matching(connection, criteria.spanName());
                if (names == null) {
                    return List.<TraceSummary>of(); // no stored span name contains it
                }
                rareName = namedTraces(connection, names, range) < RARE_NAME;
            }
            List<Object> parameters = new ArrayList<>();
            String sql = searchSql(criteria, range, limit, names, rareName, parameters);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                StatementParameters.bind(statement, 1, parameters);
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

    /**
     * A LIKE pattern for names containing {@code part}: the operation filter matches parts of
     * names, ignoring case (SQLite's LIKE ignores the case of ASCII letters).
     */
    static String containing(String part) {
        return "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The stored span names containing a part, as a condition on a {@code name} column:
     * {@code name IN (?, ?...)}, or a subquery on {@code span_name_list} when they are many. Either
     * way span_name_traces is then read by name, its key, instead of testing LIKE on every row.
     */
    record NameFilter(String sql, List<Object> parameters) {
        /** The filter, or null when no stored name contains {@code part}. */
        static NameFilter matching(Connection connection, String part) throws SQLException {
            String pattern = containing(part);
            List<Object> names = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT name FROM span_name_list WHERE name LIKE ? ESCAPE '\\' LIMIT " + (LISTED_NAMES + 1))) {
                statement.setString(1, pattern);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            if (names.isEmpty()) {
                return null;
            }
            if (names.size() > LISTED_NAMES) {
                return new NameFilter("name IN (SELECT name FROM span_name_list WHERE name LIKE ? ESCAPE '\\')",
                        List.of(pattern));
            }
            return new NameFilter("name IN (" + "?, ".repeat(names.size() - 1) + "?)", names);
        }
    }

    /** Traces with a span of a matching name that started in the range, counted up to {@link #RARE_NAME}. */
    private static int namedTraces(Connection connection, NameFilter names, TimeRange range) throws SQLException {
        List<Object> parameters = new ArrayList<>(names.parameters());
        String inRange = spanNamesFrom(range.fromUnixNano(), parameters) + " AND first_start_ns < ?";
        parameters.add(range.toUnixNano());
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM"
                + " span_name_traces, json_each(trace_refs) WHERE " + names.sql() + " AND " + inRange + " LIMIT "
                + RARE_NAME + ")")) {
            StatementParameters.bind(statement, 1, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    /**
     * span_name_traces rows that can hold a trace started at or after a time (a trace starts no later
     * than its spans): their latest start's slot (the key), then the exact latest start.
     */
    private static String spanNamesFrom(long fromUnixNano, List<Object> parameters) {
        parameters.add(TimeBucket.of(fromUnixNano));
        parameters.add(fromUnixNano);
        return "last_bucket >= ? AND last_start_ns >= ?";
    }

    private static String searchSql(TraceSearchCriteria criteria, TimeRange range, int limit, NameFilter names,
                                    boolean rareName, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.trace_id, t.root_service, t.root_name, t.start_ns, t.end_ns, t.span_count, t.error_count,
                  t.services
                FROM traces t
                WHERE """);
        sql.append(TimeBucket.range("t.start_ns", range.fromUnixNano(), range.toUnixNano(), parameters));
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
        if (rareName) {
            // Few traces have this name: start from them rather than from every trace in the range.
            sql.append(" AND t.id IN (SELECT value FROM span_name_traces, json_each(trace_refs) WHERE ")
                    .append(names.sql());
            parameters.addAll(names.parameters());
            sql.append(" AND ").append(spanNamesFrom(range.fromUnixNano(), parameters)).append(')');
        }
        boolean spanLevel = !criteria.spanName().isEmpty() || !criteria.attributes().isEmpty();
        if (spanLevel) {
            sql.append(" AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_ref = t.id");
            if (!criteria.service().isEmpty()) {
                sql.append(" AND s.service = ?");
                parameters.add(criteria.service());
            }
            if (!criteria.spanName().isEmpty()) {
                sql.append(" AND s.").append(names.sql());
                parameters.addAll(names.parameters());
            }
            for (Map.Entry<String, String> attribute : criteria.attributes().entrySet()) {
                // the span's own attribute, or its resource's (service.name, host.name...), as Tempo matches
                // them; the resources holding it are found once per search (a small table)
                sql.append(" AND (s.resource_id IN (SELECT id FROM resources WHERE attr_text(attrs, ?) = ?) OR (");
                parameters.add(attribute.getKey());
                parameters.add(attribute.getValue());
                if (storedAsItsText(attribute.getValue())) {
                    // A string value's UTF-8 bytes are in the encoded blob: a native byte search skips
                    // most spans before the (slower, Java) attr_text function decodes anything.
                    sql.append("instr(s.attrs, ?) > 0 AND ");
                    parameters.add(attribute.getValue().getBytes(StandardCharsets.UTF_8));
                }
                sql.append("attr_text(s.attrs, ?) = ?))");
                parameters.add(attribute.getKey());
                parameters.add(attribute.getValue());
            }
            sql.append(')');
        }
        sql.append(" ORDER BY ").append(TimeBucket.newestFirst("t.start_ns")).append(" LIMIT ?");
        parameters.add(Math.max(0, limit));
        return sql.toString();
    }

    @Override
    public Optional<Trace> trace(TraceId traceId) {
        String id = traceId.hex();
        List<Span> spans = connections.read("trace " + id, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + SPAN_COLUMNS
                    + " FROM traces t JOIN spans s ON s.trace_ref = t.id WHERE t.trace_id = ?")) {
                statement.setBytes(1, traceId.bytes());
                List<Span> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(span(connection, id, rows));
                    }
                }
                return found;
            }
        });
        return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(id, spans));
    }

    private Span span(Connection connection, String traceId, ResultSet rows) throws SQLException {
        long start = rows.getLong(6);
        return new Span(traceId, AttributeCodec.idHex(rows.getBytes(1)),
                AttributeCodec.idHex(rows.getBytes(2)), rows.getString(3), KINDS[rows.getInt(4)], rows.getString(5),
                start, start + rows.getLong(7), STATUSES[rows.getInt(8)], rows.getString(9),
                AttributeCodec.decode(rows.getBytes(10)), AttributeCodec.decodeEvents(rows.getBytes(11), start),
                AttributeCodec.decodeLinks(rows.getBytes(12)), connections.resource(connection, rows.getLong(13)),
                connections.scope(connection, rows.getLong(14)));
    }

    /**
     * True when a value typed as text can only match a string attribute, whose bytes the codec
     * stores verbatim (numbers, booleans and lists are encoded differently from their text; byte
     * arrays are written as base64 text and are not searchable).
     */
    static boolean storedAsItsText(String value) {
        if (value.isEmpty() || value.startsWith("[") || value.equals("true") || value.equals("false")) {
            return false;
        }
        try {
            Double.parseDouble(value);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
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
