package dev.otellab.backend.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opentelemetry.api.OpenTelemetry;
import dev.otellab.backend.telemetry.StableDatabaseConventions;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file behind lab-backend: a small connection pool, the schema, and a health probe.
 *
 * <p>Concurrency: WAL lets readers run beside the one writer; every write transaction starts with
 * BEGIN IMMEDIATE so two writers queue on busy_timeout instead of failing with SQLITE_BUSY when a
 * read lock would have to be upgraded.
 */
public final class SqliteDatabase implements AutoCloseable {

  static final int POOL_SIZE = 4;
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Path file;
  private final HikariDataSource pool;
  private final DataSource instrumented;

  private SqliteDatabase(Path file, HikariDataSource pool, DataSource instrumented) {
    this.file = file;
    this.pool = pool;
    this.instrumented = instrumented;
  }

  /** Opens (creating directories and file as needed) and migrates the database. */
  public static SqliteDatabase open(Path file, OpenTelemetry openTelemetry) {
    Path absolute = file.toAbsolutePath();
    createParentDirectories(absolute);
    HikariDataSource pool = new HikariDataSource(poolConfig(absolute));
    try {
      SchemaMigrations.apply(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    StableDatabaseConventions.optInUnlessChosen();
    DataSource instrumented = JdbcTelemetry.create(openTelemetry).wrap(pool);
    return new SqliteDatabase(absolute, pool, instrumented);
  }

  /** Connections whose statements are traced as CLIENT spans. */
  public DataSource dataSource() {
    return instrumented;
  }

  public Path file() {
    return file;
  }

  /**
   * A real round trip to the file: SQLite keeps serving cached pages after its file is deleted,
   * so the probe also checks that the file is still there.
   */
  public HealthStatus checkHealth() {
    if (pool.isClosed()) {
      return HealthStatus.down("database is closed");
    }
    if (!Files.isRegularFile(file)) {
      return HealthStatus.down("database file " + file + " is missing");
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM tasks WHERE id < 0")) {
      result.next();
      return HealthStatus.up();
    } catch (SQLException e) {
      return HealthStatus.down("database unusable: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static HikariConfig poolConfig(Path file) {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    sqlite.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl("jdbc:sqlite:" + file);

    HikariConfig config = new HikariConfig();
    config.setPoolName("lab-backend-sqlite");
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
    // Fail fast at start-up when the file cannot be opened (bad path, no permission).
    config.setInitializationFailTimeout(1);
    return config;
  }

  private static void createParentDirectories(Path file) {
    Path parent = file.getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot create directory " + parent + ": " + e, e);
    }
  }
}
