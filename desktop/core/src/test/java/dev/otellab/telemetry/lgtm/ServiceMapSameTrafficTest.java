package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.telemetry.embedded.RetentionPolicy;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same traffic gives the same map in both modes: the 150 traces of the recorded service-graph
 * run (fixtures/otlp/servicegraph-request-example.json is one of its 30 batches; the sent
 * summary lists every trace id and which failed) are sent as OTLP/HTTP JSON to the real receiver
 * and read back from the store, and compared with what Prometheus answered for them.
 */
class ServiceMapSameTrafficTest {
    @TempDir
    Path dir;

    @Test
    void theStoreAndTempoServiceGraphSeriesGiveTheSameNodesAndEdges() throws Exception {
        StoreSettings settings = StoreSettings.DEFAULT.withRetention(new RetentionPolicy(Duration.ofDays(3650), 1L << 30));
        try (TelemetryStore store = TelemetryStore.open(dir, settings);
             OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store);
             FixtureServer prometheus = new FixtureServer()) {
            receiver.start();
            List<String> batches = recordedBatches();
            HttpClient client = HttpClient.newHttpClient();
            for (String batch : batches) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                                URI.create(receiver.endpoints().httpUrl() + "/v1/traces"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            TimeRange sent = TimeRange.between(Instant.ofEpochSecond(1796574493L), Instant.ofEpochSecond(1796574649L));
            await().atMost(Duration.ofSeconds(20)).until(() -> store.serviceMap().map(sent).edges().stream()
                    .mapToLong(MapEdge::requests).sum() == 450);

            ServiceMap embedded = store.serviceMap().map(sent);
            ServiceMap fromPrometheus = PrometheusServiceMapSourceTest.recorded(prometheus)
                    .map(PrometheusServiceMapSourceTest.recordedRange());

            assertThat(embedded.nodes()).extracting(MapNode::id, MapNode::requests, MapNode::errors)
                    .containsExactlyElementsOf(fromPrometheus.nodes().stream()
                            .map(node -> org.assertj.core.groups.Tuple.tuple(node.id(), node.requests(), node.errors()))
                            .toList());
            assertThat(embedded.edges()).extracting(MapEdge::client, MapEdge::server, MapEdge::requests, MapEdge::errors)
                    .containsExactlyElementsOf(fromPrometheus.edges().stream()
                            .map(edge -> org.assertj.core.groups.Tuple.tuple(edge.client(), edge.server(),
                                    edge.requests(), edge.errors()))
                            .toList());
            // the kinds agree but for the database: the store sees db.*; the recorded series have no dimension for it
            assertThat(embedded.node("tasks").orElseThrow().kind()).isEqualTo(NodeKind.DATABASE);
            assertThat(fromPrometheus.node("tasks").orElseThrow().kind()).isEqualTo(NodeKind.PEER);
            for (String same : List.of("user", "lab-web", "lab-backend")) {
                assertThat(embedded.node(same).orElseThrow().kind()).isEqualTo(fromPrometheus.node(same).orElseThrow().kind());
            }
        }
    }

    /**
     * The 30 batches as sent: the example batch's traces as templates (its fifth trace is a
     * failed one), with the summary's trace ids, new span ids and the batch's send time.
     */
    private static List<String> recordedBatches() throws Exception {
        JsonNode example = LgtmHttp.JSON.readTree(FixtureServer.resource("otlp/servicegraph-request-example.json"));
        JsonNode summary = LgtmHttp.JSON.readTree(FixtureServer.resource("otlp/servicegraph-sent-summary.json"));
        List<String> templateIds = new ArrayList<>();
        example.path("resourceSpans").forEach(resource -> resource.path("scopeSpans").forEach(scope ->
                scope.path("spans").forEach(span -> {
                    if (!templateIds.contains(span.path("traceId").asText())) {
                        templateIds.add(span.path("traceId").asText());
                    }
                })));
        long exampleBatch = 1;
        long every = summary.path("batchEverySeconds").asLong() * 1_000_000_000L;
        Map<Long, List<JsonNode>> byBatch = new HashMap<>();
        summary.path("traces").forEach(trace -> byBatch.computeIfAbsent(trace.path("batch").asLong(),
                b -> new ArrayList<>()).add(trace));
        List<String> batches = new ArrayList<>();
        for (long batch = 0; batch < summary.path("batches").asLong(); batch++) {
            ObjectNode copy = example.deepCopy();
            List<JsonNode> traces = byBatch.get(batch);
            Map<String, String> newTraceIds = new HashMap<>();
            Map<String, Integer> positions = new HashMap<>();
            for (int position = 0; position < traces.size(); position++) {
                boolean failed = traces.get(position).path("failed").asBoolean();
                String template = templateIds.get(failed ? 4 : position % 4);
                newTraceIds.put(template + "#" + position, traces.get(position).path("traceId").asText());
                positions.put(template + "#" + position, position);
            }
            for (JsonNode resource : copy.path("resourceSpans")) {
                for (JsonNode scope : resource.path("scopeSpans")) {
                    ArrayNode spans = LgtmHttp.JSON.createArrayNode();
                    for (Map.Entry<String, String> entry : newTraceIds.entrySet()) {
                        String template = entry.getKey().substring(0, entry.getKey().indexOf('#'));
                        for (JsonNode span : scope.path("spans")) {
                            if (span.path("traceId").asText().equals(template)) {
                                spans.add(rewritten((ObjectNode) span.deepCopy(), entry.getValue(),
                                        positions.get(entry.getKey()), (batch - exampleBatch) * every));
                            }
                        }
                    }
                    ((ObjectNode) scope).set("spans", spans);
                }
            }
            batches.add(LgtmHttp.JSON.writeValueAsString(copy));
        }
        return batches;
    }

    private static ObjectNode rewritten(ObjectNode span, String traceId, int position, long shiftNanos) {
        span.put("traceId", traceId);
        span.put("spanId", newSpanId(traceId, span.path("spanId").asText()));
        if (span.hasNonNull("parentSpanId") && !span.path("parentSpanId").asText().isEmpty()) {
            span.put("parentSpanId", newSpanId(traceId, span.path("parentSpanId").asText()));
        }
        long shift = shiftNanos + position * 1_000_000L; // traces of a template differ by start too
        span.put("startTimeUnixNano", Long.toString(Long.parseLong(span.path("startTimeUnixNano").asText()) + shift));
        span.put("endTimeUnixNano", Long.toString(Long.parseLong(span.path("endTimeUnixNano").asText()) + shift));
        return span;
    }

    /** A span id unique to the trace, the same for a span and its children's parent reference. */
    private static String newSpanId(String traceId, String templateSpanId) {
        return String.format(Locale.ROOT, "%016x", (traceId + templateSpanId).hashCode() * 0x9E3779B97F4A7C15L
                ^ Long.parseUnsignedLong(templateSpanId, 16));
    }
}
