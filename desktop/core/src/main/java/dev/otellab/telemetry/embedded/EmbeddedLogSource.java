package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Logs from the embedded store. Queries use the time, trace id or service index; "text" is a
 * case-insensitive substring of the body ({@code instr(lower(body), lower(text))}: SQLite folds
 * ASCII letters only). A tail polls the store every {@link #TAIL_INTERVAL} for rows added after
 * the last one it saw (by row id, the order of arrival), which also works when another process
 * writes the store.
 */
public final class EmbeddedLogSource implements LogSource, AutoCloseable {
    public static final Duration TAIL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLogSource.class);
    private static final int TAIL_BATCH = 1_000;
    private static final String COLUMNS = "id, time_ns, observed_ns, severity, severity_text, body, service, trace_id,"
            + " span_id, attrs, resource_id, scope_id";

    private final ReadConnections connections;
    private ScheduledExecutorService tailer;

    EmbeddedLogSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS);
        if (filter.traceId() != null) {
            // The trace's id ranges (one per request, decision 0059), then those few rows of logs by id.
            sql.append(" FROM trace_logs CROSS JOIN logs ON id BETWEEN first_id AND last_id WHERE trace = ?"
                    + " AND time_ns >= ? AND time_ns < ?");
            parameters.add(filter.traceId().bytes());
            parameters.add(range.fromUnixNano());
            parameters.add(range.toUnixNano());
        } else {
            sql.append(" FROM logs WHERE ").append(TimeBucket.range("time_ns", range.fromUnixNano(), range.toUnixNano(),
                    parameters));
        }
        appendFilter(filter, sql, parameters);
        boolean newestFirst = direction == QueryDirection.NEWEST_FIRST;
        sql.append(" ORDER BY ").append(newestFirst ? TimeBucket.newestFirst("time_ns") : TimeBucket.oldestFirst("time_ns"))
                .append(", id").append(newestFirst ? " DESC" : "").append(" LIMIT ?");
        parameters.add(Math.max(0, limit));
        return connections.read("logs", connection -> select(connection, sql.toString(), parameters));
    }

    @Override
    public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
        long start = connections.read("logs", EmbeddedLogSource::lastId);
        Tail tail = new Tail(filter, listener, start);
        synchronized (this) {
            if (tailer == null) {
                tailer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "telemetry-log-tail");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            tail.schedule = tailer.scheduleWithFixedDelay(tail::poll, TAIL_INTERVAL.toMillis(),
                    TAIL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return tail;
    }

    @Override
    public synchronized void close() {
        if (tailer != null) {
            tailer.shutdownNow();
        }
    }

    private static long lastId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(id), 0) FROM logs")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static void appendFilter(LogFilter filter, StringBuilder sql, List<Object> parameters) {
        if (filter.traceId() != null) {
            sql.append(" AND trace_id = ?");
            parameters.add(filter.traceId().bytes());
        }
        if (filter.spanId() != null) {
            sql.append(" AND span_id = ?");
            parameters.add(filter.spanId().bytes());
        }
        if (!filter.services().isEmpty()) {
            sql.append(" AND service IN (").append("?,".repeat(filter.services().size() - 1)).append("?)");
            parameters.addAll(filter.services());
        }
        if (filter.minSeverity().lowestNumber() > 0) {
            sql.append(" AND severity >= ?");
            parameters.add(filter.minSeverity().lowestNumber());
        }
        if (!filter.text().isEmpty()) {
            sql.append(" AND instr(lower(body), ?) > 0");
            parameters.add(filter.text().toLowerCase(Locale.ROOT));
        }
    }

    private List<LogRecord> select(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<LogRecord> records = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(new LogRecord(rows.getLong(2), rows.getLong(3), rows.getInt(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), AttributeCodec.idHex(rows.getBytes(8)),
                            AttributeCodec.idHex(rows.getBytes(9)), AttributeCodec.decode(rows.getBytes(10)),
                            connections.resource(connection, rows.getLong(11)),
                            connections.scope(connection, rows.getLong(12))));
                }
            }
            return records;
        }
    }

    /** One live tail: remembers the last row id it has looked at. */
    private final class Tail implements Subscription {
        private final LogFilter filter;
        private final Consumer<List<LogRecord>> listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long after;
        private volatile ScheduledFuture<?> schedule;

        Tail(LogFilter filter, Consumer<List<LogRecord>> listener, long after) {
            this.filter = filter;
            this.listener = listener;
            this.after = after;
        }

        void poll() {
            try {
                while (!closed.get()) {
                    List<LogRecord> batch = connections.read("logs", connection -> {
                        long upTo = Math.min(lastId(connection), after + TAIL_BATCH);
                        if (upTo <= after) {
                            return List.<LogRecord>of();
                        }
                        List<Object> parameters = new ArrayList<>(List.of(after, upTo));
                        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM logs WHERE id > ? AND id <= ?");
                        appendFilter(filter, sql, parameters);
                        sql.append(" ORDER BY id");
                        List<LogRecord> records = select(connection, sql.toString(), parameters);
                        after = upTo;
                        return records;
                    });
                    if (!batch.isEmpty() && !closed.get()) {
                        listener.accept(batch);
                    }
                    if (batch.isEmpty() && caughtUp()) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Log tail poll failed; retrying in {} ms", TAIL_INTERVAL.toMillis(), e);
            }
        }

        private boolean caughtUp() {
            return connections.read("logs", connection -> lastId(connection) <= after);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && schedule != null) {
                schedule.cancel(false);
            }
        }
    }
}
