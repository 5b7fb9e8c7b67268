package dev.otellab.backend.tasks;

import dev.otellab.backend.storage.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** SQL for tasks. Every write is one transaction: either all of it is stored or nothing. */
public final class TaskRepository {

  private static final String COLUMNS = "id, title, description, completed, created_at, updated_at";

  private final DataSource dataSource;

  public TaskRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Task insert(NewTask task, Instant now) {
    return inTransaction(
        connection -> {
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tasks (title, description, completed, created_at, updated_at)"
                      + " VALUES (?, ?, 0, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, task.title());
            setNullableString(insert, 2, task.description());
            insert.setString(3, StoredInstant.format(now));
            insert.setString(4, StoredInstant.format(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          return new Task(id, task.title(), task.description(), false, now, now);
        });
  }

  public Optional<Task> findById(long id) {
    try (Connection connection = dataSource.getConnection()) {
      return select(connection, id);
    } catch (SQLException e) {
      throw failure("read task " + id, e);
    }
  }

  public List<Task> list(TaskQuery query) {
    String sql =
        "SELECT " + COLUMNS + " FROM tasks"
            + (query.completed().isPresent() ? " WHERE completed = ?" : "")
            + " ORDER BY id LIMIT ? OFFSET ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      int index = 1;
      if (query.completed().isPresent()) {
        select.setInt(index++, query.completed().get() ? 1 : 0);
      }
      select.setInt(index++, query.limit());
      select.setInt(index, query.offset());
      List<Task> tasks = new ArrayList<>(Math.min(query.limit(), 64));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tasks.add(toTask(rows));
        }
      }
      return tasks;
    } catch (SQLException e) {
      throw failure("list tasks", e);
    }
  }

  /** Applies the changes and returns the task before and after, or empty when the id is unknown. */
  public Optional<Update> update(long id, TaskChanges changes, Instant now) {
    return inTransaction(
        connection -> {
          Optional<Task> stored = select(connection, id);
          if (stored.isEmpty()) {
            return Optional.empty();
          }
          Task before = stored.get();
          Task after =
              new Task(
                  id,
                  changes.title().orElse(before.title()),
                  changes.description().present()
                      ? changes.description().value()
                      : before.description(),
                  changes.completed().orElse(before.completed()),
                  before.createdAt(),
                  now);
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE tasks SET title = ?, description = ?, completed = ?, updated_at = ?"
                      + " WHERE id = ?")) {
            update.setString(1, after.title());
            setNullableString(update, 2, after.description());
            update.setInt(3, after.completed() ? 1 : 0);
            update.setString(4, StoredInstant.format(now));
            update.setLong(5, id);
            update.executeUpdate();
          }
          return Optional.of(new Update(before, after));
        });
  }

  public boolean delete(long id) {
    return inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM tasks WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
          }
        });
  }

  public long count() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM tasks")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw failure("count tasks", e);
    }
  }

  /** How many tasks there are and how many of them are completed, in one query. */
  public TaskStats stats() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT count(*), coalesce(sum(completed), 0) FROM tasks")) {
      result.next();
      return new TaskStats(result.getLong(1), result.getLong(2));
    } catch (SQLException e) {
      throw failure("count tasks by state", e);
    }
  }

  /** A task as it was and as it is after an update. */
  public record Update(Task before, Task after) {}

  private Optional<Task> select(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(toTask(rows)) : Optional.empty();
      }
    }
  }

  private <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("write tasks", e);
    }
  }

  private static Task toTask(ResultSet row) throws SQLException {
    return new Task(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getInt(4) == 1,
        StoredInstant.parse(row.getString(5)),
        StoredInstant.parse(row.getString(6)));
  }

  private static void setNullableString(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  private static DatabaseUnavailableException failure(String action, SQLException e) {
    return new DatabaseUnavailableException("cannot " + action + ": " + e.getMessage(), e);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
