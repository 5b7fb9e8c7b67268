package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.map.MultiServiceTraffic;
import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceCall;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The map from the store, for traffic sent by the real OpenTelemetry SDK of three services to
 * the real receiver, against the map computed by hand from the spans' known lengths.
 */
class EmbeddedServiceMapSourceTest {
    @TempDir
    Path dir;

    private TelemetryStore store;
    private OtlpReceiver receiver;
    private MultiServiceTraffic traffic;
    private long now;
    private TimeRange lastTenMinutes;
    private String browserTrace;

    @BeforeEach
    void send() {
        store = TelemetryStore.open(dir);
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store);
        receiver.start();
        traffic = new MultiServiceTraffic(receiver.endpoints().httpUrl());
        now = TimeRange.toNanos(Instant.now());
        lastTenMinutes = new TimeRange(now - Duration.ofMinutes(10).toNanos(), now);
        long start = now - Duration.ofMinutes(5).toNanos();
        long second = 1_000_000_000L;
        for (int i = 0; i < 4; i++) {
            String id = traffic.browserRequest(start + i * second, i == 3);
            if (i == 0) {
                browserTrace = id;
            }
        }
        for (int i = 0; i < 6; i++) {
            traffic.directRequest(start + (10 + i) * second, i % 3 == 0);
        }
        traffic.peerCall(start + 20 * second, false);
        traffic.peerCall(start + 21 * second, true);
        traffic.orphanServer(start + 22 * second);
        traffic.directRequest(now - Duration.ofMinutes(20).toNanos(), false); // before the range
        assertThat(traffic.flush()).isTrue();
    }

    @AfterEach
    void stop() {
        traffic.close();
        receiver.stop();
        store.close();
    }

    @Test
    void theMapOfTheStoredSpansIsTheOneComputedByHand() {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.serviceMap().map(lastTenMinutes).edges().size() == 6);
        ServiceMap map = store.serviceMap().map(lastTenMinutes);
        double seconds = 600;

        assertThat(map.edges()).containsExactly(
                new MapEdge("lab-backend", "payments.example", 2, 1, MultiServiceTraffic.PEER_MS, 2 / seconds),
                new MapEdge("lab-backend", "tasks", 10, 0, MultiServiceTraffic.SQL_MS, 10 / seconds),
                new MapEdge("lab-browser", "lab-web", 4, 1, MultiServiceTraffic.FETCH_MS, 4 / seconds),
                new MapEdge("lab-web", "lab-backend", 10, 3, MultiServiceTraffic.WEB_CLIENT_MS, 10 / seconds),
                new MapEdge("user", "lab-backend", 2, 1, MultiServiceTraffic.PEER_MS + 2, 2 / seconds),
                new MapEdge("user", "lab-web", 6, 2, MultiServiceTraffic.WEB_SERVER_MS, 6 / seconds));
        assertThat(map.nodes()).containsExactly(
                new MapNode("lab-backend", NodeKind.SERVICE, 12, 4),
                new MapNode("lab-browser", NodeKind.BROWSER, 4, 1),
                new MapNode("lab-web", NodeKind.SERVICE, 10, 3),
                new MapNode("payments.example", NodeKind.PEER, 2, 1),
                new MapNode("tasks", NodeKind.DATABASE, 10, 0),
                new MapNode("user", NodeKind.USER, 8, 3));
    }

    @Test
    void aTracesOwnCallsFollowTheSameRuleInTheOrderTheyStarted() {
        await().atMost(Duration.ofSeconds(20)).until(() -> store.traces().trace(TraceId.parse(browserTrace))
                .map(trace -> trace.spans().size() == 6).orElse(false));
        List<ServiceCall> calls = ServiceCalls.of(store.traces().trace(TraceId.parse(browserTrace)).orElseThrow());

        assertThat(calls).extracting(ServiceCall::client, ServiceCall::server, ServiceCall::serverKind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lab-browser", "lab-web", NodeKind.SERVICE),
                        org.assertj.core.groups.Tuple.tuple("lab-web", "lab-backend", NodeKind.SERVICE),
                        org.assertj.core.groups.Tuple.tuple("lab-backend", "tasks", NodeKind.DATABASE));
        assertThat(calls.get(0).clientKind()).isEqualTo(NodeKind.BROWSER);
        assertThat(calls.get(1).latencyNanos()).isEqualTo(MultiServiceTraffic.WEB_CLIENT_MS * 1_000_000);
    }

    @Test
    void aRangeWithoutTracesIsAnEmptyMap() {
        TimeRange longAgo = new TimeRange(now - Duration.ofDays(2).toNanos(), now - Duration.ofDays(1).toNanos());
        assertThat(store.serviceMap().map(longAgo).isEmpty()).isTrue();
    }
}
