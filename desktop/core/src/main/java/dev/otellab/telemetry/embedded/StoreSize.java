package dev.otellab.telemetry.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How big the store is: pages of the main file, of which {@code freePages} are free for reuse.
 * {@link #usedBytes()} is what retention limits; the WAL file comes on top (bounded by
 * journal_size_limit).
 */
public record StoreSize(long pageCount, long freePages, long pageSize) {

    public long usedBytes() {
        return (pageCount - freePages) * pageSize;
    }

    public long fileBytes() {
        return pageCount * pageSize;
    }

    static StoreSize of(Connection connection) throws SQLException {
        return new StoreSize(pragma(connection, "page_count"), pragma(connection, "freelist_count"),
                pragma(connection, "page_size"));
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
