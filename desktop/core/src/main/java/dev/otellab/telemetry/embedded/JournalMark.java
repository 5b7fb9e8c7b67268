package dev.otellab.telemetry.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The journal_mark row: how far the ingest journal is in the tables, written in the writer's transactions. */
final class JournalMark implements AutoCloseable {
    private final PreparedStatement update;

    JournalMark(Connection connection) throws SQLException {
        update = connection.prepareStatement(
                "INSERT OR REPLACE INTO journal_mark (id, segment, position) VALUES (1, ?, ?)");
    }

    /** Within the caller's transaction. */
    void set(JournalPosition position) throws SQLException {
        update.setLong(1, position.segment());
        update.setLong(2, position.offset());
        update.executeUpdate();
    }

    /** Where replay starts: after the mark, or at the start of the journal when there is none. */
    static JournalPosition read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT segment, position FROM journal_mark WHERE id = 1")) {
            return rows.next() ? new JournalPosition(rows.getLong(1), rows.getLong(2)) : JournalPosition.START;
        }
    }

    @Override
    public void close() throws SQLException {
        update.close();
    }
}
