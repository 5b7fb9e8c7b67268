package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.sli.RequestSample;
import dev.otellab.telemetry.sli.SliCalculator;
import dev.otellab.telemetry.sli.SloEvaluator;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SLIs from the SERVER spans in the store ("span metrics"): the requests of a service in the
 * range are read from a covering partial index (no table access) and handed to
 * {@link SliCalculator}, which computes exact nearest-rank percentiles.
 */
public final class EmbeddedSliSource implements SliSource {
    private static final StatusCode[] STATUSES = StatusCode.values();

    private final ReadConnections connections;

    EmbeddedSliSource(ReadConnections connections) {
        this.connections = connections;
    }

    @Override
    public SliReport sli(String service, TimeRange range, Duration step) {
        return SliCalculator.report(service, requests(service, range), range, step);
    }

    @Override
    public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
        return SloEvaluator.evaluate(SliCalculator.report(service, requests(service, range), range, range.length()),
                targets);
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
                    WHERE kind = 2 AND service = ? AND start_ns >= ? AND start_ns < ? LIMIT 1""")) {
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
                    any.setLong(2, range.fromUnixNano());
                    any.setLong(3, range.toUnixNano());
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
     * The requests of {@code service} in the range. SQLite concatenates the columns of all rows
     * into four strings (one row, in the same row order for each), which Java splits: one JNI
     * round trip instead of five per request, the bulk of the cost of an SLI query otherwise.
     */
    private List<RequestSample> requests(String service, TimeRange range) {
        return connections.read("SLIs of " + service, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*), group_concat(start_ns), group_concat(duration_ns),
                      group_concat(ifnull(http_status, -1 - status)), group_concat(ifnull(route, ''), char(31))
                    FROM spans INDEXED BY spans_server
                    WHERE kind = 2 AND service = ? AND start_ns >= ? AND start_ns < ?""")) {
                statement.setString(1, service);
                statement.setLong(2, range.fromUnixNano());
                statement.setLong(3, range.toUnixNano());
                try (ResultSet rows = statement.executeQuery()) {
                    int count = rows.next() ? rows.getInt(1) : 0;
                    if (count == 0) {
                        return List.of();
                    }
                    return samples(count, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5));
                }
            }
        });
    }

    private static List<RequestSample> samples(int count, String starts, String durations, String statuses,
                                               String routes) {
        List<RequestSample> samples = new ArrayList<>(count);
        Map<String, String> sameRoutes = new HashMap<>();
        int startAt = 0;
        int durationAt = 0;
        int statusAt = 0;
        int routeAt = 0;
        for (int i = 0; i < count; i++) {
            int startEnd = end(starts, startAt, ',');
            int durationEnd = end(durations, durationAt, ',');
            int statusEnd = end(statuses, statusAt, ',');
            int routeEnd = end(routes, routeAt, '\u001f');
            long code = Long.parseLong(statuses, statusAt, statusEnd, 10);
            // code: the HTTP status, or -1 - span status when the span had none
            boolean error = code >= 0 ? RequestSample.isError((int) code, StatusCode.UNSET)
                    : RequestSample.isError(null, STATUSES[(int) (-1 - code)]);
            String route = routes.substring(routeAt, routeEnd);
            samples.add(new RequestSample(Long.parseLong(starts, startAt, startEnd, 10),
                    Long.parseLong(durations, durationAt, durationEnd, 10),
                    sameRoutes.computeIfAbsent(route, r -> r), error));
            startAt = startEnd + 1;
            durationAt = durationEnd + 1;
            statusAt = statusEnd + 1;
            routeAt = routeEnd + 1;
        }
        return samples;
    }

    private static int end(String joined, int from, char separator) {
        int end = joined.indexOf(separator, from);
        return end < 0 ? joined.length() : end;
    }
}
