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
import java.util.Comparator;
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
    private static final Comparator<LogRecord> BY_TIME = Comparator.comparingLong(LogRecord::timeUnixNano);

    private final ReadConnections connections;
    private ScheduledExecutorService tailer;

    EmbeddedLogSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
        boolean newestFirst = direction == QueryDirection.NEWEST_FIRST;
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (filter.traceId() != null) {
            // The trace's id ranges (one per request, decision 0059), then those few rows of logs by id.
            where.append("trace = ? AND time_ns >= ? AND time_ns < ?");
            parameters.add(filter.traceId().bytes());
            parameters.add(range.fromUnixNano());
            parameters.add(range.toUnixNano());
            appendFilter(filter, where, parameters);
            String sql = "SELECT " + COLUMNS + " FROM trace_logs CROSS JOIN logs ON id BETWEEN first_id AND last_id"
                    + " WHERE " + where + " ORDER BY " + (newestFirst ? "time_ns DESC, id DESC" : "time_ns, id")
                    + " LIMIT ?";
            parameters.add(Math.max(0, limit));
            return connections.read("logs", connection -> select(connection, sql, parameters));
        }
        where.append(TimeBucket.range("time_ns", range.fromUnixNano(), range.toUnixNano(), parameters));
        appendFilter(filter, where, parameters);
        return connections.read("logs", connection -> firstInTimeOrder(connection, where.toString(), parameters,
                Math.max(0, limit), newestFirst));
    }

    /**
     * The first {@code limit} records matching {@code where} in time order. They are read in the
     * slot index's order (slot, then arrival), in which SQLite stops right at the limit; the last
     * slot reached is then read whole (its records arrived in any time order) and the records are
     * sorted by time. One ORDER BY slot, time would sort slot by slot too, but SQLite learns that
     * the last slot is complete only from the next match in another slot, and reads on until it
     * finds one: with a rare text, most of the range (decision 0058). The second statement may see
     * records committed after the first: they belong to the last slot and are sorted in with it.
     */
    private List<LogRecord> firstInTimeOrder(Connection connection, String where, List<Object> whereParameters,
                                             int limit, boolean newestFirst) throws SQLException {
        String arrival = newestFirst ? " ORDER BY id DESC" : " ORDER BY id";
        List<Object> parameters = new ArrayList<>(whereParameters);
        parameters.add(limit);
        List<LogRecord> records = select(connection, "SELECT " + COLUMNS + " FROM logs WHERE " + where + " ORDER BY "
                + TimeBucket.of("time_ns") + (newestFirst ? " DESC, id DESC" : ", id") + " LIMIT ?", parameters);
        if (limit > 0 && records.size() == limit) {
            long lastSlot = TimeBucket.of(records.get(limit - 1).timeUnixNano());
            records.removeIf(record -> TimeBucket.of(record.timeUnixNano()) == lastSlot); // the list's tail
            List<Object> slotParameters = new ArrayList<>(whereParameters);
            slotParameters.add(0, lastSlot);
            records.addAll(select(connection, "SELECT " + COLUMNS + " FROM logs WHERE " + TimeBucket.of("time_ns")
                    + " = ? AND " + where + arrival, slotParameters));
        }
        // a stable sort: records of the same time keep the order of their ids, as in the ORDER BY
        records.sort(newestFirst ? BY_TIME.reversed() : BY_TIME);
        return records.size() > limit ? new ArrayList<>(records.subList(0, limit)) : records;
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
            StatementParameters.bind(statement, 1, parameters);
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
