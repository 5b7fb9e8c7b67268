package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.Backend;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.map.CallSpan;
import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.map.ServiceMapBuilder;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service map from Tempo's service-graph series in Prometheus ({@link ServiceGraphPromQl}),
 * four instant queries at the range's end over the whole range. Node kinds follow the labels:
 * the client {@code user} of a virtual-node edge is the user; {@code lab-browser} the browser;
 * the server of a {@code database} edge, or of an edge carrying a {@code db_system_name} or
 * {@code db_system} dimension, a database; any other virtual server a peer (Tempo 2.7 names a
 * database by peer_attributes without saying it is one: without the dimension a database shows
 * as a peer). Latency is the client side, the server side for the user's calls (Tempo records 0
 * on the side no span was seen). Counts are Prometheus's extrapolated increases, rounded.
 */
public final class PrometheusServiceMapSource implements ServiceMapSource {
    private static final String VIRTUAL_NODE = "virtual_node";
    private static final String DATABASE = "database";

    private final LgtmHttp http;
    private final Duration minimumWindow;
    private final Clock clock;

    PrometheusServiceMapSource(LgtmHttp http, Duration minimumWindow, Clock clock) {
        this.http = http;
        this.minimumWindow = minimumWindow;
        this.clock = clock;
    }

    @Override
    public ServiceMap map(TimeRange range) {
        TimeRange clipped = QueryRanges.clipped(range, clock);
        Duration length = clipped.length();
        Duration window = length.compareTo(minimumWindow) < 0 ? minimumWindow : length;
        long at = clipped.toUnixNano();
        Map<List<String>, Double> requests = new LinkedHashMap<>();
        Map<String, NodeKind> kinds = new HashMap<>();
        instant(ServiceGraphPromQl.requests(window), at, (metric, value) -> {
            String client = metric.path(ServiceGraphPromQl.CLIENT).asText("");
            String server = metric.path(ServiceGraphPromQl.SERVER).asText("");
            if (client.isEmpty() || server.isEmpty() || !(value > 0)) {
                return;
            }
            requests.merge(List.of(client, server), value, Double::sum);
            String connection = metric.path(ServiceGraphPromQl.CONNECTION_TYPE).asText("");
            kind(kinds, client, ServiceCalls.USER.equals(client) && VIRTUAL_NODE.equals(connection)
                    ? NodeKind.USER : named(client));
            kind(kinds, server, serverKind(server, connection, metric));
        });
        Map<List<String>, Double> failed = edges(ServiceGraphPromQl.failed(window), at);
        Map<List<String>, Double> clientP95 = edges(ServiceGraphPromQl.p95(ServiceGraphPromQl.CLIENT_SECONDS, window), at);
        Map<List<String>, Double> serverP95 = edges(ServiceGraphPromQl.p95(ServiceGraphPromQl.SERVER_SECONDS, window), at);
        double seconds = window.toNanos() / 1e9;
        List<MapEdge> edges = new ArrayList<>();
        requests.forEach((edge, count) -> {
            long calls = Math.max(1, Math.round(count));
            long errors = Math.min(calls, Math.round(failed.getOrDefault(edge, 0.0))); // absent: never failed
            boolean fromUser = kinds.get(edge.get(0)) == NodeKind.USER;
            double p95 = (fromUser ? serverP95 : clientP95).getOrDefault(edge, Double.NaN);
            edges.add(new MapEdge(edge.get(0), edge.get(1), calls, errors, Double.isFinite(p95) ? p95 * 1000 : Double.NaN,
                    count / seconds));
        });
        return new ServiceMap(clipped.fromUnixNano(), clipped.toUnixNano(), ServiceMapBuilder.nodes(kinds, edges), edges);
    }

    private static NodeKind serverKind(String server, String connection, JsonNode metric) {
        if (DATABASE.equals(connection) || !metric.path(ServiceGraphPromQl.DB_SYSTEM_NAME).asText("").isEmpty()
                || !metric.path(ServiceGraphPromQl.DB_SYSTEM).asText("").isEmpty()) {
            return NodeKind.DATABASE;
        }
        return VIRTUAL_NODE.equals(connection) ? NodeKind.PEER : named(server);
    }

    private static NodeKind named(String service) {
        return CallSpan.isBrowser(service, null) ? NodeKind.BROWSER : NodeKind.SERVICE;
    }

    private static void kind(Map<String, NodeKind> kinds, String node, NodeKind kind) {
        // a node that answers as a service somewhere is a service, not a peer
        kinds.merge(node, kind, (was, is) -> was == NodeKind.PEER ? is : was);
    }

    private Map<List<String>, Double> edges(String promQl, long at) {
        Map<List<String>, Double> values = new HashMap<>();
        instant(promQl, at, (metric, value) -> values.put(List.of(metric.path(ServiceGraphPromQl.CLIENT).asText(""),
                metric.path(ServiceGraphPromQl.SERVER).asText("")), value));
        return values;
    }

    private void instant(String promQl, long at, java.util.function.BiConsumer<JsonNode, Double> each) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("query", promQl);
        query.put("time", PrometheusSliSource.seconds(at));
        JsonNode answer = http.getJson(Backend.PROMETHEUS, http.url(Backend.PROMETHEUS, "api/v1/query", query),
                "query " + promQl);
        for (JsonNode result : answer.path("data").path("result")) {
            JsonNode value = result.path("value");
            if (value.isArray() && value.size() == 2) {
                each.accept(result.path("metric"), PrometheusSliSource.number(value.get(1).asText()));
            }
        }
    }
}
