package dev.otellab.backend.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Brings the schema to the newest version, tracked in {@code PRAGMA user_version}. Each step runs in
 * its own transaction together with the version bump, so a crash leaves a consistent version.
 * New steps are appended; existing ones are never edited.
 */
final class SchemaMigrations {

  private static final List<String> STEPS =
      List.of(
          """
          CREATE TABLE tasks (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            title       TEXT    NOT NULL,
            description TEXT,
            completed   INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
            created_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
          );
          CREATE INDEX tasks_completed_id ON tasks (completed, id);
          """);

  private SchemaMigrations() {}

  static int latestVersion() {
    return STEPS.size();
  }

  static void apply(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      int current = userVersion(connection);
      if (current > STEPS.size()) {
        throw new DatabaseUnavailableException(
            "database schema version " + current + " is newer than this lab-backend knows ("
                + STEPS.size() + ")",
            null);
      }
      for (int version = current + 1; version <= STEPS.size(); version++) {
        applyStep(connection, version, STEPS.get(version - 1));
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot open or migrate the database: " + e.getMessage(), e);
    }
  }

  private static void applyStep(Connection connection, int version, String sql)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String single : sql.split(";")) {
        if (!single.isBlank()) {
          statement.execute(single);
        }
      }
      statement.execute("PRAGMA user_version = " + version);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA user_version")) {
      return result.next() ? result.getInt(1) : 0;
    }
  }
}
