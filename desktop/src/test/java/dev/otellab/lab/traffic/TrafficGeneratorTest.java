package dev.otellab.lab.traffic;

import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.embedded.LabBackendProcess;
import dev.otellab.lab.embedded.LabBackendSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TrafficGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void sendsAMixOfGoodSlowAndFailingRequestsToTheRealBackend() throws Exception {
        LabBackendSettings settings = new LabBackendSettings(LabBackendJar.path(), "127.0.0.1", 0,
                dir.resolve("tasks.db"), "http://127.0.0.1:9", "lab-backend", Duration.ofSeconds(60), Map.of());
        try (LabBackendProcess backend = LabBackendProcess.start(settings, line -> { });
             TrafficGenerator traffic = new TrafficGenerator(backend.baseUrl(),
                     new TrafficProfile(50, 0.1, 0.2, Duration.ofMillis(50)))) {

            traffic.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TrafficCounts counts = traffic.counts();
                assertThat(counts.succeeded()).isGreaterThan(20);
                assertThat(counts.serverErrors()).isGreaterThan(0);
            });
            traffic.stop();
            await().atMost(Duration.ofSeconds(15)).until(() -> traffic.counts().inFlight() == 0);

            TrafficCounts stopped = traffic.counts();
            assertThat(traffic.isRunning()).isFalse();
            assertThat(stopped.failed()).isZero();
            assertThat(stopped.sent()).isEqualTo(stopped.succeeded() + stopped.clientErrors() + stopped.serverErrors());
        }
    }

    @Test
    void profilesOutsideTheirLimitsAreRefusedWithAReason() {
        assertThatThrownBy(() -> new TrafficProfile(0, 0, 0, Duration.ZERO))
                .hasMessageContaining("Requests per second must be above 0");
        assertThatThrownBy(() -> new TrafficProfile(10, 0.7, 0.5, Duration.ZERO))
                .hasMessageContaining("add up to more than 100%");
        assertThatThrownBy(() -> new TrafficProfile(10, 0.1, 0.1, Duration.ofSeconds(11)))
                .hasMessageContaining("between 0 and 10 s");
        assertThatThrownBy(() -> new TrafficProfile(10, -0.1, 0, Duration.ZERO))
                .hasMessageContaining("share of slow requests");
    }
}
