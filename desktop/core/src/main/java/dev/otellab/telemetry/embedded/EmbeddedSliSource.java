package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.RequestColumns;
import dev.otellab.telemetry.sli.RequestSample;
import dev.otellab.telemetry.sli.SliCalculator;
import dev.otellab.telemetry.sli.SloEvaluator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * SLIs from the SERVER spans in the store ("span metrics"): the requests of a service in the
 * range are read from a covering partial index (no table access) as columns and handed to
 * {@link SliCalculator}, which computes exact nearest-rank percentiles.
 */
public final class EmbeddedSliSource implements SliSource {
    /**
     * 1 when a request failed, else 0, as {@link RequestSample#isError} judges it: an HTTP status of
     * 500 or more; without one, a span status of ERROR.
     */
    private static final String FAILED = "(CASE WHEN http_status IS NULL THEN status = %d ELSE http_status >= 500 END)"
            .formatted(StatusCode.ERROR.ordinal());
    private static final byte ROUTE_SEPARATOR = 31; // char(31) in the query: no route holds it
    private static final String SERVER_SPANS_IN_RANGE = TimeBucket.rangeSql("start_ns");

    private final ReadConnections connections;

    EmbeddedSliSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public SliReport sli(String service, TimeRange range, Duration step) {
        return SliCalculator.report(service, requests(service, range, step.toNanos()), range, step);
    }

    @Override
    public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
        return SloEvaluator.evaluate(SliCalculator.report(service, requests(service, range, range.length().toNanos()),
                range, range.length()), targets);
    }

    @Override
    public List<String> services(TimeRange range) {
        return connections.read("services", connection -> {
            List<String> services = new ArrayList<>();
            // Walks the SLI index one service at a time: a seek per service, not a scan of all requests.
            try (PreparedStatement next = connection.prepareStatement("""
                    SELECT min(service) FROM spans INDEXED BY spans_server WHERE kind = 2 AND service > ?""");
                 PreparedStatement any = connection.prepareStatement("""
                    SELECT 1 FROM spans INDEXED BY spans_server
                    WHERE kind = 2 AND service = ? AND %s LIMIT 1""".formatted(SERVER_SPANS_IN_RANGE))) {
                String last = ""; // service names are never empty (Span falls back to unknown_service)
                while (true) {
                    String service;
                    next.setString(1, last);
                    try (ResultSet rows = next.executeQuery()) {
                        service = rows.next() ? rows.getString(1) : null;
                    }
                    if (service == null) {
                        return services;
                    }
                    any.setString(1, service);
                    TimeBucket.bindRange(any, 2, range.fromUnixNano(), range.toUnixNano());
                    try (ResultSet rows = any.executeQuery()) {
                        if (rows.next()) {
                            services.add(service);
                        }
                    }
                    last = service;
                }
            }
        });
    }

    /**
     * The requests of {@code service} in the {@link TimeBucket} slots the range touches, read in two
     * halves at once on two connections (the halves split the slots between the first and the last
     * one holding a request): the query's cost is a walk over every request, and a command-line JVM
     * has its second core free for it. Each request comes placed in its step of {@code stepNanos}
     * (decision 0060).
     */
    private RequestColumns requests(String service, TimeRange range, long stepNanos) {
        long[] firstAndLast = connections.read("SLIs of " + service, connection -> firstAndLastSlot(connection, service,
                range));
        if (firstAndLast == null || stepNanos <= 0) {
            return RequestColumns.empty();
        }
        long first = firstAndLast[0];
        long last = firstAndLast[1];
        if (first == last) {
            return requestsOf(service, first, last, range, stepNanos);
        }
        long laterFirst = first + (last - first + 1) / 2;
        FutureTask<RequestColumns> later = new FutureTask<>(new LaterHalf(this, service, laterFirst, last, range,
                stepNanos));
        Thread reader = new Thread(later, "sli-reader");
        reader.setDaemon(true);
        reader.start();
        RequestColumns earlier = requestsOf(service, first, laterFirst - 1, range, stepNanos);
        try {
            return RequestColumns.concat(earlier, later.get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelemetryQueryException("Interrupted while reading the SLIs of " + service, e);
        }
    }

    /** The first and the last {@link TimeBucket} slot of the range holding a request (two index seeks), or null. */
    private static long[] firstAndLastSlot(Connection connection, String service, TimeRange range)
            throws SQLException {
        String slot = TimeBucket.of("start_ns");
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT (SELECT min(%1$s) FROM spans INDEXED BY spans_server
                        WHERE kind = 2 AND service = ?1 AND %1$s >= ?2 AND %1$s <= ?3),
                       (SELECT max(%1$s) FROM spans INDEXED BY spans_server
                        WHERE kind = 2 AND service = ?1 AND %1$s >= ?2 AND %1$s <= ?3)""".formatted(slot))) {
            statement.setString(1, service);
            statement.setLong(2, TimeBucket.of(range.fromUnixNano()));
            statement.setLong(3, TimeBucket.of(range.toUnixNano() - 1));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getObject(1) == null) {
                    return null;
                }
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    /** Reads the later half of the slots (a class, not a lambda: no lambda is spun on the CLI's path). */
    private record LaterHalf(EmbeddedSliSource source, String service, long firstSlot, long lastSlot, TimeRange range,
                             long stepNanos) implements Callable<RequestColumns> {
        @Override
        public RequestColumns call() {
            return source.requestsOf(service, firstSlot, lastSlot, range, stepNanos);
        }
    }

    /**
     * The requests of {@code service} in the slots from {@code firstSlot} to {@code lastSlot} that
     * started in {@code range}, each placed in its step. SQLite concatenates the columns of all rows
     * into three texts (one row, in the same row order for each), which are split as bytes into
     * primitive columns: one JNI round trip instead of five per request, and no object per request.
     * SQLite also places each request and judges whether it failed (its step times two, plus one for
     * an error: a number of a few digits instead of a start time of 19 and a status), so it turns
     * fewer and shorter numbers into text, and Java parses fewer.
     */
    private RequestColumns requestsOf(String service, long firstSlot, long lastSlot, TimeRange range, long stepNanos) {
        return connections.read("SLIs of " + service, connection -> {
            String slot = TimeBucket.of("start_ns");
            try (PreparedStatement statement = connection.prepareStatement(("""
                    SELECT count(*), group_concat((start_ns - ?4) / ?6 * 2 + %2$s), group_concat(duration_ns),
                      group_concat(ifnull(route, ''), char(31))
                    FROM spans INDEXED BY spans_server
                    WHERE kind = 2 AND service = ?1 AND %1$s >= ?2 AND %1$s <= ?3 AND start_ns >= ?4 AND start_ns < ?5""")
                    .formatted(slot, FAILED))) {
                statement.setString(1, service);
                statement.setLong(2, firstSlot);
                statement.setLong(3, lastSlot);
                statement.setLong(4, range.fromUnixNano());
                statement.setLong(5, range.toUnixNano());
                statement.setLong(6, stepNanos);
                try (ResultSet rows = statement.executeQuery()) {
                    int count = rows.next() ? rows.getInt(1) : 0;
                    if (count == 0) {
                        return RequestColumns.empty();
                    }
                    List<String> routes = new ArrayList<>();
                    long[] stepsAndErrors = JoinedValues.longs(rows.getBytes(2), count);
                    long[] durations = JoinedValues.longs(rows.getBytes(3), count);
                    int[] routeIndexes = JoinedValues.indexes(rows.getBytes(4), count, ROUTE_SEPARATOR, routes);
                    int[] steps = new int[count];
                    boolean[] errors = new boolean[count];
                    for (int i = 0; i < count; i++) {
                        steps[i] = (int) (stepsAndErrors[i] >> 1);
                        errors[i] = (stepsAndErrors[i] & 1) != 0;
                    }
                    return new RequestColumns(steps, durations, routeIndexes, errors, routes);
                }
            }
        });
    }
}
