package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.log;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store written by the previous console (schema 1: a rowid span table with trace id and name indexes). */
class StoreSchemaUpgradeTest {
    @TempDir
    Path dir;

    /** Turns a new store into what schema 1 left on disk: its span tables with one trace, a log record, version 1. */
    @BeforeEach
    void writeSchema1Store() throws SQLException {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(TelemetryBatch.ofLogs(List.of(log(at(1), Severity.INFO, "tasks", "kept", "", ""))))
                    .toCompletableFuture().join();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreSchema.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE spans");
            statement.execute("DROP TABLE span_name_traces");
            statement.execute("DROP TABLE trace_logs");
            statement.execute("DROP TABLE traces");
            statement.execute("""
                    CREATE TABLE spans (trace_id BLOB NOT NULL, span_id BLOB NOT NULL, parent_span_id BLOB,
                      name TEXT NOT NULL, kind INTEGER NOT NULL, service TEXT NOT NULL, start_ns INTEGER NOT NULL,
                      duration_ns INTEGER NOT NULL, status INTEGER NOT NULL, status_message TEXT, route TEXT,
                      http_status INTEGER, attrs BLOB, events BLOB, links BLOB, resource_id INTEGER NOT NULL,
                      scope_id INTEGER NOT NULL)""");
            statement.execute("CREATE UNIQUE INDEX spans_by_trace ON spans (trace_id, span_id)");
            statement.execute("CREATE INDEX spans_by_name ON spans (name, start_ns)");
            statement.execute("""
                    CREATE INDEX spans_server ON spans (service, start_ns, duration_ns, http_status, status, route)
                      WHERE kind = 2""");
            statement.execute("""
                    CREATE TABLE traces (trace_id BLOB NOT NULL PRIMARY KEY, start_ns INTEGER NOT NULL,
                      end_ns INTEGER NOT NULL, span_count INTEGER NOT NULL, error_count INTEGER NOT NULL,
                      has_root INTEGER NOT NULL, root_start_ns INTEGER NOT NULL, root_service TEXT NOT NULL,
                      root_name TEXT NOT NULL, services TEXT NOT NULL)""");
            statement.execute("CREATE INDEX traces_by_start ON traces (start_ns)");
            statement.execute("INSERT INTO spans VALUES (x'" + traceId(1) + "', x'" + spanId(1) + "', NULL, 'old',"
                    + " 2, 'tasks', " + at(2) + ", 1000, 0, NULL, '/old', 200, NULL, NULL, NULL, 1, 1)");
            statement.execute("INSERT INTO traces VALUES (x'" + traceId(1) + "', " + at(2) + ", " + (at(2) + 1000)
                    + ", 1, 0, 1, " + at(2) + ", 'tasks', 'old', char(31) || 'tasks' || char(31))");
            statement.execute("PRAGMA user_version = 1");
        }
    }

    @Test
    void readingItWithoutUpgradingSaysSo() {
        try (TelemetryStore reader = TelemetryStore.openReadOnly(dir)) {
            assertThatThrownBy(() -> reader.traces().search(TraceSearchCriteria.ANY, TimeRange.all(), 10))
                    .isInstanceOf(TelemetryQueryException.class)
                    .hasMessageContaining("written by an older console (store schema 1, this one reads " + StoreSchema.VERSION + ")")
                    .hasMessageContaining("'lab-console receive'");
        }
    }

    @Test
    void openingItForWritingRecreatesTheTraceTablesAndKeepsTheLogs() {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            assertThat(store.traces().trace(TraceId.parse(traceId(1)))).isEmpty();
            assertThat(store.slis().services(TimeRange.all())).isEmpty();
            assertThat(store.logs().query(LogFilter.ALL, TimeRange.all(), 10, QueryDirection.NEWEST_FIRST))
                    .extracting(LogRecord::body).containsExactly("kept");

            store.accept(TelemetryBatch.ofSpans(List.of(span(traceId(2), spanId(1), "", "tasks", "new",
                    SpanKind.SERVER, at(3), 5, StatusCode.UNSET, Map.of())))).toCompletableFuture().join();

            assertThat(store.traces().trace(TraceId.parse(traceId(2)))).isPresent();
        }
        try (TelemetryStore reader = TelemetryStore.openReadOnly(dir)) {
            assertThat(reader.traces().search(TraceSearchCriteria.ANY.withSpanName("new"), TimeRange.all(), 10))
                    .hasSize(1);
        }
    }
}
