package dev.otellab.telemetry.lgtm;

import java.time.Duration;

/**
 * PromQL over Tempo's service-graph series (metrics-generator, service-graphs processor):
 * {@code traces_service_graph_request_total}, {@code _request_failed_total} and the
 * {@code _request_client_seconds} / {@code _request_server_seconds} histograms, labelled
 * {@code client}, {@code server}, {@code connection_type} (empty, {@code virtual_node},
 * {@code database}, {@code messaging_system}) and the stack's dimensions ({@code db_system_name},
 * {@code db_system}: set on calls to a database).
 */
final class ServiceGraphPromQl {
    static final String REQUESTS = "traces_service_graph_request_total";
    static final String FAILED = "traces_service_graph_request_failed_total";
    static final String CLIENT_SECONDS = "traces_service_graph_request_client_seconds_bucket";
    static final String SERVER_SECONDS = "traces_service_graph_request_server_seconds_bucket";
    static final String CLIENT = "client";
    static final String SERVER = "server";
    static final String CONNECTION_TYPE = "connection_type";
    static final String DB_SYSTEM_NAME = "db_system_name";
    static final String DB_SYSTEM = "db_system";

    private ServiceGraphPromQl() {
    }

    /** Calls per edge in the window, keeping what tells a database or virtual node apart. */
    static String requests(Duration window) {
        return "sum by (" + CLIENT + ", " + SERVER + ", " + CONNECTION_TYPE + ", " + DB_SYSTEM_NAME + ", " + DB_SYSTEM
                + ") (increase(" + REQUESTS + "[" + SliPromQl.range(window) + "]))";
    }

    /** Failed calls per edge in the window (an edge that never failed has no series). */
    static String failed(Duration window) {
        return "sum by (" + CLIENT + ", " + SERVER + ") (increase(" + FAILED + "[" + SliPromQl.range(window) + "]))";
    }

    /** The 95th percentile (seconds) of one side's latency per edge. */
    static String p95(String buckets, Duration window) {
        return "histogram_quantile(0.95, sum by (" + CLIENT + ", " + SERVER + ", le) (increase(" + buckets + "["
                + SliPromQl.range(window) + "])))";
    }
}
