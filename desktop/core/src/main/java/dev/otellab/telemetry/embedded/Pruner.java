package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.query.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what the {@link RetentionPolicy} no longer keeps, one small chunk per transaction so
 * the writer can store batches between chunks: first everything older than the age limit, then,
 * while the used pages exceed the size limit, the oldest traces, logs or metric points (whichever
 * is oldest) until 90% of the limit is reached. Traces go whole (summary and spans together).
 * Freed pages are reused by new data; when more than a quarter of the file is free (e.g. after
 * age pruning emptied it), {@code incremental_vacuum} gives pages back to the file system a few
 * megabytes at a time. The span_name_traces rows of deleted traces and the trace_logs ranges of deleted
 * records go once nothing else is left to delete.
 */
final class Pruner {
    static final int TRACE_CHUNK = 200;
    static final int ROW_CHUNK = 2_000;
    static final int VACUUM_PAGES = 1_024;
    /** Size pruning, once started, goes on down to this share of the limit. */
    static final double SIZE_LOW_WATER = 0.9;

    private final RetentionPolicy policy;
    private final Clock clock;
    private boolean shrinking;
    /** Traces were deleted since span_name_traces was last cleaned. */
    private boolean spanNamesStale;
    /** Log records were deleted since trace_logs was last cleaned. */
    private boolean traceLogsStale;

    /** What one chunk (or a whole pass) deleted. */
    record Result(long traces, long spans, long logs, long metricPoints, long vacuumedPages) {
        static final Result NOTHING = new Result(0, 0, 0, 0, 0);

        Result plus(Result other) {
            return new Result(traces + other.traces, spans + other.spans, logs + other.logs,
                    metricPoints + other.metricPoints, vacuumedPages + other.vacuumedPages);
        }

        boolean didSomething() {
            return !equals(NOTHING);
        }
    }

    Pruner(RetentionPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** One chunk of work; {@link Result#NOTHING} when there is nothing left to do. */
    Result pruneChunk(Connection connection) throws SQLException {
        long now = TimeRange.toNanos(clock.instant());
        long cutoff = now - policy.maxAge().toNanos();
        Result byAge = deleteOldestTraces(connection, cutoff)
                .plus(new Result(0, 0, deleteOldestLogs(connection, cutoff), 0, 0))
                .plus(new Result(0, 0, 0, deleteOldestMetricPoints(connection, cutoff), 0));
        if (byAge.didSomething()) {
            traceLogsStale |= byAge.logs() > 0;
            return byAge;
        }
        StoreSize size = StoreSize.of(connection);
        if (size.usedBytes() > policy.maxBytes()) {
            shrinking = true;
        } else if (size.usedBytes() <= policy.maxBytes() * SIZE_LOW_WATER) {
            shrinking = false;
        }
        if (shrinking) {
            Result bySize = deleteOldest(connection);
            if (bySize.didSomething()) {
                traceLogsStale |= bySize.logs() > 0;
                return bySize;
            }
            shrinking = false;
        }
        if (traceLogsStale) {
            deleteTraceLogsBeforeOldestLog(connection);
            traceLogsStale = false;
        }
        if (spanNamesStale) {
            deleteSpanNamesBefore(connection, oldest(connection, earliest("traces", "start_ns")));
            spanNamesStale = false;
        }
        if (size.freePages() > size.pageCount() / 4 && size.freePages() > VACUUM_PAGES / 4) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
            }
            long vacuumed = size.freePages() - StoreSize.of(connection).freePages();
            return new Result(0, 0, 0, 0, Math.max(0, vacuumed));
        }
        return Result.NOTHING;
    }

    /** Deletes a chunk of whichever kind holds the oldest data. */
    private Result deleteOldest(Connection connection) throws SQLException {
        long traces = oldest(connection, earliest("traces", "start_ns"));
        long logs = oldest(connection, earliest("logs", "time_ns"));
        long metrics = oldest(connection, "SELECT min(time_ns) FROM metric_points");
        long oldest = Math.min(traces, Math.min(logs, metrics));
        if (oldest == Long.MAX_VALUE) {
            return Result.NOTHING;
        }
        if (oldest == traces) {
            return deleteOldestTraces(connection, oldest + 1);
        }
        if (oldest == logs) {
            return new Result(0, 0, deleteOldestLogs(connection, Long.MAX_VALUE), 0, 0);
        }
        return new Result(0, 0, 0, deleteOldestMetricPoints(connection, Long.MAX_VALUE), 0);
    }

    private static long oldest(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (rows.next()) {
                long value = rows.getLong(1);
                return rows.wasNull() ? Long.MAX_VALUE : value;
            }
            return Long.MAX_VALUE;
        }
    }

    private Result deleteOldestTraces(Connection connection, long before) throws SQLException {
        List<Long> traceRefs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM traces WHERE " + before("start_ns") + " ORDER BY " + TimeBucket.oldestFirst("start_ns")
                        + " LIMIT " + TRACE_CHUNK)) {
            bindBefore(select, before);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    traceRefs.add(rows.getLong(1));
                }
            }
        }
        if (traceRefs.isEmpty()) {
            return Result.NOTHING;
        }
        long spans = 0;
        try (PreparedStatement deleteSpans = connection.prepareStatement("DELETE FROM spans WHERE trace_ref = ?");
             PreparedStatement deleteTrace = connection.prepareStatement("DELETE FROM traces WHERE id = ?")) {
            for (long traceRef : traceRefs) {
                deleteSpans.setLong(1, traceRef);
                spans += deleteSpans.executeUpdate();
                deleteTrace.setLong(1, traceRef);
                deleteTrace.executeUpdate();
            }
        }
        spanNamesStale = true;
        return new Result(traceRefs.size(), spans, 0, 0, 0);
    }

    /**
     * span_name_traces rows whose latest start is before every stored trace list only deleted traces (a
     * trace starts no later than its spans). One index seek per distinct name: the index is keyed by name
     * first. A row listing deleted and stored traces stays until its last trace goes.
     */
    private static void deleteSpanNamesBefore(Connection connection, long oldestTraceStart) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement(
                     "SELECT min(name) FROM span_name_traces WHERE name > ?");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM span_name_traces WHERE name = ? AND last_bucket <= ? AND last_start_ns < ?")) {
            delete.setLong(2, TimeBucket.of(oldestTraceStart));
            delete.setLong(3, oldestTraceStart);
            String name = oldestName(connection);
            while (name != null) {
                delete.setString(1, name);
                delete.executeUpdate();
                next.setString(1, name);
                try (ResultSet rows = next.executeQuery()) {
                    name = rows.next() ? rows.getString(1) : null;
                }
            }
        }
    }

    private static String oldestName(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT min(name) FROM span_name_traces")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * The trace_logs ranges that end before the oldest stored record: one pass over the table (it has
     * a row per trace and request, not per record), once no more records are to go. Ranges of records
     * deleted out of arrival order stay and find nothing until then.
     */
    private static void deleteTraceLogsBeforeOldestLog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM trace_logs WHERE last_id < (SELECT coalesce(min(id), "
                    + Long.MAX_VALUE + ") FROM logs)");
        }
    }

    private static long deleteOldestLogs(Connection connection, long before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM logs WHERE id IN (SELECT id FROM logs"
                + " WHERE " + before("time_ns") + " ORDER BY " + TimeBucket.oldestFirst("time_ns")
                + " LIMIT " + ROW_CHUNK + ")")) {
            bindBefore(delete, before);
            return delete.executeUpdate();
        }
    }

    private static long deleteOldestMetricPoints(Connection connection, long before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM metric_points WHERE id IN (SELECT id"
                + " FROM metric_points WHERE time_ns < ? ORDER BY time_ns LIMIT " + ROW_CHUNK + ")")) {
            delete.setLong(1, before);
            return delete.executeUpdate();
        }
    }

    /** Earlier than a time: by slot (the time indexes of traces and logs, decision 0056), then exactly. */
    private static String before(String column) {
        return TimeBucket.of(column) + " <= ? AND " + column + " < ?";
    }

    private static void bindBefore(PreparedStatement statement, long before) throws SQLException {
        statement.setLong(1, TimeBucket.of(before));
        statement.setLong(2, before);
    }

    /** The earliest time of a column indexed by slot: the earliest slot (a seek), then the minimum in it. */
    private static String earliest(String table, String column) {
        String slot = TimeBucket.of(column);
        return "SELECT min(" + column + ") FROM " + table + " WHERE " + slot + " = (SELECT min(" + slot + ") FROM "
                + table + ")";
    }
}
