package dev.otellab.telemetry.embedded;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The coarse time the store's time indexes are keyed by (decision 0056): a timestamp's slot of
 * 2^24 ns (16.8 ms). Within a slot the indexes keep rows in arrival order, so a new row goes at
 * the end of its slot however its timestamp repeats older ones, and a commit touches a few index
 * pages instead of one per distinct timestamp. A query names the slot range with the timestamps
 * ({@link #range}) and orders by slot first ({@link #newestFirst}), so SQLite seeks the slots and
 * sorts one slot at a time.
 */
final class TimeBucket {
    static final int SHIFT = 24;

    private TimeBucket() {
    }

    static long of(long unixNano) {
        return unixNano >> SHIFT;
    }

    /** The indexed expression of a column, exactly as the indexes declare it. */
    static String of(String column) {
        return "(" + column + " >> " + SHIFT + ")";
    }

    /**
     * {@code column} in [from, to): the slots first (the index's seek), then the exact bounds;
     * adds the four parameters.
     */
    static String range(String column, long fromUnixNano, long toUnixNano, List<Object> parameters) {
        parameters.addAll(rangeParameters(fromUnixNano, toUnixNano));
        return rangeSql(column);
    }

    /** The condition of {@link #range} with its four parameters to bind ({@link #rangeParameters}). */
    static String rangeSql(String column) {
        return of(column) + " >= ? AND " + of(column) + " <= ? AND " + column + " >= ? AND " + column + " < ?";
    }

    static List<Object> rangeParameters(long fromUnixNano, long toUnixNano) {
        return List.of(of(fromUnixNano), of(toUnixNano == Long.MIN_VALUE ? toUnixNano : toUnixNano - 1),
                fromUnixNano, toUnixNano);
    }

    /** Binds {@link #rangeSql}'s four parameters from index {@code first}; returns the index after them. */
    static int bindRange(PreparedStatement statement, int first, long fromUnixNano, long toUnixNano)
            throws SQLException {
        return StatementParameters.bind(statement, first, rangeParameters(fromUnixNano, toUnixNano));
    }

    /** ORDER BY terms, newest first, that an index on the slot serves one slot at a time. */
    static String newestFirst(String column) {
        return of(column) + " DESC, " + column + " DESC";
    }

    static String oldestFirst(String column) {
        return of(column) + ", " + column;
    }
}
