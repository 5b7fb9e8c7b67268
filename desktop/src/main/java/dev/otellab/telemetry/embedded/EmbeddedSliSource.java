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
import java.util.List;

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

    private List<RequestSample> requests(String service, TimeRange range) {
        return connections.read("SLIs of " + service, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT start_ns, duration_ns, http_status, status, route FROM spans INDEXED BY spans_server
                    WHERE kind = 2 AND service = ? AND start_ns >= ? AND start_ns < ?""")) {
                statement.setString(1, service);
                statement.setLong(2, range.fromUnixNano());
                statement.setLong(3, range.toUnixNano());
                List<RequestSample> samples = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        int httpStatus = rows.getInt(3);
                        Integer status = rows.wasNull() ? null : httpStatus;
                        samples.add(new RequestSample(rows.getLong(1), rows.getLong(2), rows.getString(5),
                                RequestSample.isError(status, STATUSES[rows.getInt(4)])));
                    }
                }
                return samples;
            }
        });
    }
}
