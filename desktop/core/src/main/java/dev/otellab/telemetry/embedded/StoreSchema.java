package dev.otellab.telemetry.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and indexes (docs/decisions/0005-embedded-store-sqlite.md explains them).
 * Ids are stored as blobs (16/8 bytes); attributes, events and links as {@link AttributeCodec}
 * blobs; resources and scopes once each, in their own tables.
 */
final class StoreSchema {
    /**
     * 5: the logs of a trace found by trace_logs, one row per trace and request, instead of an index
     * entry per record, and span_name_traces, one row per name and write, instead of span_names' row
     * per name and trace (decision 0059; a store of 1-4 gets them filled); 4: the time indexes keyed
     * by {@link TimeBucket} slot, then arrival (decision 0056; a store of 1-3 gets them rebuilt); 3:
     * the distinct span names in span_name_list (decision 0050; a store of 2 gets it filled, and an
     * older console must not write names it would not list); 2: spans clustered by trace (decision
     * 0015); 1 had a rowid span table with a name index.
     */
    static final int VERSION = 5;
    /** Tables of schema 1 whose layout changed; their data is dropped on upgrade (decision 0015). */
    private static final List<String> SCHEMA_1_TRACE_TABLES = List.of("spans", "traces");
    /** Indexes of schemas 1-3 keyed by exact time; schema 4 declares them again by slot. */
    private static final List<String> EXACT_TIME_INDEXES = List.of("traces_by_start", "spans_server", "logs_by_time",
            "logs_by_service");
    /** Schemas 1-4 indexed every log record by its trace id; schema 5 has trace_logs instead. */
    private static final String RECORD_TRACE_INDEX = "logs_by_trace";
    static final String FILE_NAME = "telemetry.db";

    /** SpanKind.SERVER.ordinal(): the partial SLI index names it literally. */
    static final int SERVER_KIND = 2;

    private static final List<String> DDL = List.of(
            // How far the ingest journal is in the tables (decision 0053): one row, written in the same
            // transaction as the rows it covers, so a restart replays exactly what was acknowledged and not stored.
            """
            CREATE TABLE IF NOT EXISTS journal_mark (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              segment INTEGER NOT NULL,
              position INTEGER NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS resources (
              id INTEGER PRIMARY KEY,
              attrs BLOB NOT NULL UNIQUE)""",
            """
            CREATE TABLE IF NOT EXISTS scopes (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              version TEXT NOT NULL,
              UNIQUE (name, version))""",
            // One row per trace, maintained by the writer as its spans arrive (in any order, in any batch).
            // id is given by the writer in arrival order, so the span table below, keyed by it, grows at
            // its end; only the trace_id index takes inserts at random places, one per trace, not per span.
            """
            CREATE TABLE IF NOT EXISTS traces (
              id INTEGER PRIMARY KEY,
              trace_id BLOB NOT NULL UNIQUE,
              start_ns INTEGER NOT NULL,
              end_ns INTEGER NOT NULL,
              span_count INTEGER NOT NULL,
              error_count INTEGER NOT NULL,
              has_root INTEGER NOT NULL,
              root_start_ns INTEGER NOT NULL,
              root_service TEXT NOT NULL,
              root_name TEXT NOT NULL,
              services TEXT NOT NULL)""",
            // Time indexes are keyed by slot and then by arrival (rowid, trace_ref), not by the exact time,
            // so that inserts go at the end of their slot (decision 0056).
            "CREATE INDEX IF NOT EXISTS traces_by_start ON traces (" + TimeBucket.of("start_ns") + ")",
            // A trace's spans are stored together (clustered by trace_ref = traces.id). route and
            // http_status are extracted from the attributes for the SLI index.
            """
            CREATE TABLE IF NOT EXISTS spans (
              trace_ref INTEGER NOT NULL,
              span_id BLOB NOT NULL,
              parent_span_id BLOB,
              name TEXT NOT NULL,
              kind INTEGER NOT NULL,
              service TEXT NOT NULL,
              start_ns INTEGER NOT NULL,
              duration_ns INTEGER NOT NULL,
              status INTEGER NOT NULL,
              status_message TEXT,
              route TEXT,
              http_status INTEGER,
              attrs BLOB,
              events BLOB,
              links BLOB,
              resource_id INTEGER NOT NULL,
              scope_id INTEGER NOT NULL,
              PRIMARY KEY (trace_ref, span_id)) WITHOUT ROWID""",
            // Covering index for SLIs: SERVER spans of a service in a time range, read without the table.
            "CREATE INDEX IF NOT EXISTS spans_server ON spans (service, " + TimeBucket.of("start_ns")
                    + ", trace_ref, start_ns, duration_ns, http_status, status, route) WHERE kind = 2",
            // The traces holding a span name: one row per name and write (group commit), listing the
            // traces.id of the traces with a span of that name as a JSON array, with the earliest and the
            // latest of those traces' first start of the name. Keyed by the slot of the latest, so that a
            // search from a time finds every row that can hold a trace started after it. Finds the few
            // traces of a rarely seen name; a row per name and write, not per name and trace, is the
            // writer's saving (decision 0059).
            """
            CREATE TABLE IF NOT EXISTS span_name_traces (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              last_bucket INTEGER NOT NULL,
              last_start_ns INTEGER NOT NULL,
              first_start_ns INTEGER NOT NULL,
              trace_refs TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS span_name_traces_by_name ON span_name_traces (name, last_bucket)",
            // Every distinct span name (of span_name_traces): the few rows a search by a part of a name
            // tests with LIKE before reading span_name_traces by name. The pruner leaves the names of
            // deleted traces here: a name without traces matches nothing and costs one short row.
            """
            CREATE TABLE IF NOT EXISTS span_name_list (
              name TEXT PRIMARY KEY) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS logs (
              id INTEGER PRIMARY KEY,
              time_ns INTEGER NOT NULL,
              observed_ns INTEGER NOT NULL,
              severity INTEGER NOT NULL,
              severity_text TEXT NOT NULL,
              body TEXT NOT NULL,
              service TEXT NOT NULL,
              trace_id BLOB,
              span_id BLOB,
              attrs BLOB,
              resource_id INTEGER NOT NULL,
              scope_id INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS logs_by_time ON logs (" + TimeBucket.of("time_ns") + ")",
            // The logs of a trace: for each trace and request, the range of log ids holding its records
            // (a request's records are numbered in a row). Trace ids are random, so each entry goes in at
            // a random place; one per trace and request instead of one per record (decision 0059).
            """
            CREATE TABLE IF NOT EXISTS trace_logs (
              trace BLOB NOT NULL,
              first_id INTEGER NOT NULL,
              last_id INTEGER NOT NULL,
              PRIMARY KEY (trace, first_id)) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS logs_by_service ON logs (service, " + TimeBucket.of("time_ns") + ")",
            """
            CREATE TABLE IF NOT EXISTS metric_points (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              description TEXT NOT NULL,
              unit TEXT NOT NULL,
              type INTEGER NOT NULL,
              monotonic INTEGER NOT NULL,
              service TEXT NOT NULL,
              start_ns INTEGER NOT NULL,
              time_ns INTEGER NOT NULL,
              attrs BLOB,
              value REAL,
              count INTEGER,
              sum REAL,
              bounds BLOB,
              bucket_counts BLOB,
              resource_id INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS metrics_by_name ON metric_points (name, time_ns)",
            "CREATE INDEX IF NOT EXISTS metrics_by_time ON metric_points (time_ns)");

    private StoreSchema() {
    }

    /** Settings of the writing connection. */
    static void configureWriter(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Page size and auto_vacuum only take effect on a new file (before its first table).
            statement.execute("PRAGMA page_size = 8192");
            statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA temp_store = MEMORY");
            statement.execute("PRAGMA cache_size = -65536"); // 64 MiB of native memory, not Java heap
            // The Checkpointer thread checkpoints; this is the writer's safety net (~128 MiB of WAL).
            statement.execute("PRAGMA wal_autocheckpoint = 16384");
            statement.execute("PRAGMA journal_size_limit = 67108864"); // truncate the WAL to 64 MiB after a reset
        }
    }

    static void configureReader(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            // 8 MiB each (four readers): the OS's file cache keeps the rest of a hot store, and the
            // console's whole process stays within its 512 MB (decision 0039)
            statement.execute("PRAGMA cache_size = -8192");
            statement.execute("PRAGMA temp_store = MEMORY");
        }
    }

    /**
     * Creates what is missing; a store of schema 1 loses its traces (spans and summaries), which
     * are dropped and recreated in the new layout; its logs, metric points, resources and scopes
     * stay. A store of schema 2 keeps everything and gets its span name list; stores of 1-3 get
     * their time indexes rebuilt by slot, stores of 2-4 their span_name_traces and stores of 1-4 their
     * trace_logs. Returns the schema version found (0 for a new file).
     */
    static int create(Connection connection) throws SQLException {
        int version = userVersion(connection);
        if (version > VERSION) {
            throw new SQLException("The telemetry store was written by a newer console (schema " + version
                    + ", this one knows " + VERSION + ")");
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (version == 1) {
                for (String table : SCHEMA_1_TRACE_TABLES) {
                    statement.execute("DROP TABLE " + table);
                }
            }
            boolean nameListMissing = !tableExists(connection, "span_name_list");
            boolean namesByTrace = version >= 2 && version < 5 && tableExists(connection, "span_names");
            if (version >= 1 && version < 4) {
                for (String index : EXACT_TIME_INDEXES) {
                    statement.execute("DROP INDEX IF EXISTS " + index);
                }
            }
            boolean recordTraceIndex = version >= 1 && version < 5;
            if (recordTraceIndex) {
                statement.execute("DROP INDEX IF EXISTS " + RECORD_TRACE_INDEX);
            }
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
            if (namesByTrace) { // schemas 2-4: a row per name and trace, each becomes a row of one trace
                statement.execute("INSERT INTO span_name_traces (name, last_bucket, last_start_ns, first_start_ns,"
                        + " trace_refs) SELECT name, " + TimeBucket.of("start_ns") + ", start_ns, start_ns,"
                        + " json_array(trace_ref) FROM span_names");
                statement.execute("DROP TABLE span_names");
            }
            if (recordTraceIndex) { // one range per stored record: correct, if not as compact as new ones
                statement.execute("INSERT OR IGNORE INTO trace_logs (trace, first_id, last_id)"
                        + " SELECT trace_id, id, id FROM logs WHERE trace_id IS NOT NULL");
            }
            if (nameListMissing) { // a store written before the list (schema 2): list its names once
                statement.execute("INSERT OR IGNORE INTO span_name_list (name)"
                        + " SELECT DISTINCT name FROM span_name_traces");
            }
            statement.execute("PRAGMA user_version = " + VERSION);
            connection.commit();
            return version;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A reader understands only its own schema; 0 is a store still being created by its writer. */
    static void checkReadable(Connection connection) throws SQLException {
        int version = userVersion(connection);
        if (version != 0 && version < VERSION) {
            throw new SQLException("it was written by an older console (store schema " + version + ", this one reads "
                    + VERSION + "); start the console or 'lab-console receive' on it once to upgrade it");
        }
        if (version > VERSION) {
            throw new SQLException("it was written by a newer console (store schema " + version + ", this one reads "
                    + VERSION + ")");
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
