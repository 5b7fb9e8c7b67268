package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.query.TelemetryQueryException;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of read-only connections to the store's file. WAL mode lets them read a
 * consistent snapshot while the writer (in this process or another) commits.
 */
final class ReadConnections implements AutoCloseable {
    private static final int POOL_SIZE = 4;

    private final Path file;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final List<Connection> all = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final Map<Long, Resource> resources = new ConcurrentHashMap<>();
    private final Map<Long, InstrumentationScope> scopes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    ReadConnections(Path file) {
        this.file = file;
    }

    <T> T read(String what, Query<T> query) {
        Connection connection = borrow();
        try {
            return query.run(connection);
        } catch (SQLException e) {
            throw new TelemetryQueryException("Could not read " + what + " from the telemetry store " + file
                    + ": " + e.getMessage(), e);
        } finally {
            idle.offer(connection);
        }
    }

    /** Resources and scopes never change once written, so each process caches them by id. */
    Resource resource(Connection connection, long id) throws SQLException {
        Resource cached = resources.get(id);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT attrs FROM resources WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                Resource resource = rows.next() ? new Resource(AttributeCodec.decode(rows.getBytes(1))) : Resource.EMPTY;
                resources.put(id, resource);
                return resource;
            }
        }
    }

    InstrumentationScope scope(Connection connection, long id) throws SQLException {
        InstrumentationScope cached = scopes.get(id);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, version FROM scopes WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                InstrumentationScope scope = rows.next()
                        ? new InstrumentationScope(rows.getString(1), rows.getString(2)) : InstrumentationScope.UNKNOWN;
                scopes.put(id, scope);
                return scope;
            }
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new TelemetryQueryException("The telemetry store is closed");
        }
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        if (opened.incrementAndGet() <= POOL_SIZE) {
            try {
                Connection created = open(file);
                synchronized (all) {
                    all.add(created);
                }
                return created;
            } catch (SQLException e) {
                opened.decrementAndGet();
                throw new TelemetryQueryException("Could not open the telemetry store " + file + ": " + e.getMessage(), e);
            }
        }
        opened.decrementAndGet();
        try {
            Connection waited = idle.poll(30, TimeUnit.SECONDS);
            if (waited == null) {
                throw new TelemetryQueryException("The telemetry store is busy: no connection free for 30 s");
            }
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelemetryQueryException("Interrupted while waiting for the telemetry store", e);
        }
    }

    static Connection open(Path file) throws SQLException {
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Opens and closes a read connection to an empty database in memory, the same way as to a
     * store: SQLite's driver, its native library and everything its connections set up once per
     * process (a date format that reads the locale's data) are then ready for the real store.
     */
    static void prepare() throws SQLException {
        open("jdbc:sqlite::memory:").close();
    }

    private static Connection open(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5000);
        Connection connection = DriverManager.getConnection(url, config.toProperties());
        try {
            StoreSchema.configureReader(connection);
            StoreSchema.checkReadable(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        Function.create(connection, "attr_text", new AttributeText(), 2, Function.FLAG_DETERMINISTIC);
        return connection;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing anyway
                }
            }
            all.clear();
        }
        idle.clear();
    }

    /** attr_text(attrs, key): the attribute's value as text, for key=value search. */
    private static final class AttributeText extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String text = AttributeCodec.findText(value_blob(0), value_text(1));
            if (text == null) {
                result();
            } else {
                result(text);
            }
        }
    }
}
