package dev.otellab.telemetry.model;

import java.util.Objects;

/**
 * Calls from one node to another over the map's range: how many, how many failed, the 95th
 * percentile of their latency (the caller's side; the server's when the caller is the user) in
 * milliseconds (NaN when unknown), and the mean rate per second over the range.
 */
public record MapEdge(String client, String server, long requests, long errors, double p95Millis,
                      double ratePerSecond) {
    public MapEdge {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    /** Failed calls as a share of all (0 when there were none). */
    public double errorRatio() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
