package dev.otellab.telemetry.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Copies the WAL back into the database file from its own thread and connection, so the writer's
 * commits only append to the WAL and never wait for a checkpoint's copying and fsyncs. PASSIVE
 * checkpoints never block the writer or readers. The writer keeps a large automatic checkpoint
 * threshold as a safety net should this thread fall behind.
 */
final class Checkpointer implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Connection connection;
    private final Thread thread;
    private volatile boolean running = true;

    Checkpointer(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        thread = new Thread(this::run, "telemetry-store-checkpointer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (SQLException e) {
                LOG.debug("WAL checkpoint skipped: {}", e.getMessage());
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the checkpoint connection failed", e);
        }
    }
}
