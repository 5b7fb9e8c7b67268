package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.map.MultiServiceTraffic;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code lab-console map} over a store filled by the real SDK of three services through the real receiver. */
class MapCommandTest {
    @TempDir
    Path dataDir;

    private void sendTraffic() {
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir());
             OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store)) {
            receiver.start();
            try (MultiServiceTraffic traffic = new MultiServiceTraffic(receiver.endpoints().httpUrl())) {
                long start = TimeRange.toNanos(Instant.now().minusSeconds(120));
                traffic.browserRequest(start, false);
                traffic.directRequest(start + 1_000_000_000L, true);
                assertThat(traffic.flush()).isTrue();
            }
            TimeRange range = TimeRange.last(Duration.ofMinutes(15));
            await().atMost(Duration.ofSeconds(20)).until(() -> store.serviceMap().map(range).edges().size() == 4);
        }
    }

    @Test
    void jsonListsNodesAndEdgesInTheDocumentedShape() throws Exception {
        sendTraffic();

        CliRun run = CliRun.run(dataDir, "map", "--since", "15m", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode map = JsonOutput.mapper().readTree(run.out());
        assertThat(map.path("nodes")).extracting(JsonNode::toString).containsExactly(
                "{\"id\":\"lab-backend\",\"kind\":\"service\",\"requests\":2,\"errors\":1}",
                "{\"id\":\"lab-browser\",\"kind\":\"browser\",\"requests\":1,\"errors\":0}",
                "{\"id\":\"lab-web\",\"kind\":\"service\",\"requests\":2,\"errors\":1}",
                "{\"id\":\"tasks\",\"kind\":\"database\",\"requests\":2,\"errors\":0}",
                "{\"id\":\"user\",\"kind\":\"user\",\"requests\":1,\"errors\":1}");
        assertThat(map.path("edges").get(1).toString()).isEqualTo(
                "{\"client\":\"lab-browser\",\"server\":\"lab-web\",\"requests\":1,\"errors\":0,\"p95Millis\":"
                        + (double) MultiServiceTraffic.FETCH_MS + "}");
        assertThat(map.path("edges")).extracting(edge -> edge.path("client").asText() + "->" + edge.path("server").asText())
                .containsExactly("lab-backend->tasks", "lab-browser->lab-web", "lab-web->lab-backend", "user->lab-web");
    }

    @Test
    void textIsATableOfNodesAndOneOfCalls() {
        sendTraffic();

        CliRun run = CliRun.run(dataDir, "map");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NODE", "KIND", "CLIENT", "SERVER", "P95")
                .containsPattern("lab-web\\s+->\\s+lab-backend\\s+2\\s+\\S+\\s+1\\s+50\\.0%\\s+90\\.0 ms");
    }

    @Test
    void aBadRangeIsAUsageErrorWithExitCodeTwo() {
        CliRun run = CliRun.run(dataDir, "map", "--since", "0s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since");
    }
}
