package dev.otellab.telemetry.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One SQL statement over many rows at once ({@code INSERT ... VALUES (...), (...)} or
 * {@code ... IN (?, ?)}), prepared once per row count up to {@link #MAX_ROWS}: SQLite runs the rows
 * with its cursors open, and the writer steps one statement instead of one per row, which saves
 * most of the per-row statement and JNI overhead of a JDBC batch.
 */
final class MultiRowStatement implements AutoCloseable {
    /** Rows per statement: 64 spans x 17 columns stay far under SQLite's 32,766 parameters. */
    static final int MAX_ROWS = 64;

    /** Binds the parameters of row {@code index} (of the caller's rows) starting at {@code first} (1-based). */
    @FunctionalInterface
    interface RowBinder {
        void bind(PreparedStatement statement, int first, int index) throws SQLException;
    }

    private final Connection connection;
    private final String head;
    private final String row;
    private final String separator;
    private final String tail;
    private final int columns;
    private final PreparedStatement[] bySize = new PreparedStatement[MAX_ROWS + 1];

    /** The statement text is {@code head + row + separator + row ... + tail}; a row has {@code columns} parameters. */
    MultiRowStatement(Connection connection, String head, String row, String separator, String tail, int columns) {
        this.connection = connection;
        this.head = head;
        this.row = row;
        this.separator = separator;
        this.tail = tail;
        this.columns = columns;
    }

    static MultiRowStatement insert(Connection connection, String insertHead, int columns) {
        String placeholders = "(" + "?, ".repeat(columns - 1) + "?)";
        return new MultiRowStatement(connection, insertHead + " VALUES ", placeholders, ", ", "", columns);
    }

    /** The statement for rows {@code from} (inclusive) to {@code to} (at most {@link #MAX_ROWS}), bound. */
    PreparedStatement bound(int from, int to, RowBinder binder) throws SQLException {
        PreparedStatement statement = statement(to - from);
        for (int i = from; i < to; i++) {
            binder.bind(statement, (i - from) * columns + 1, i);
        }
        return statement;
    }

    /** Runs an insert over rows 0 to {@code count}, {@link #MAX_ROWS} at a time; returns the rows changed. */
    int update(int count, RowBinder binder) throws SQLException {
        int changed = 0;
        for (int from = 0; from < count; from += MAX_ROWS) {
            changed += bound(from, Math.min(count, from + MAX_ROWS), binder).executeUpdate();
        }
        return changed;
    }

    private PreparedStatement statement(int rows) throws SQLException {
        PreparedStatement statement = bySize[rows];
        if (statement == null) {
            StringBuilder sql = new StringBuilder(head);
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "" : separator).append(row);
            }
            statement = connection.prepareStatement(sql.append(tail).toString());
            bySize[rows] = statement;
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : bySize) {
            if (statement != null) {
                statement.close();
            }
        }
    }
}
