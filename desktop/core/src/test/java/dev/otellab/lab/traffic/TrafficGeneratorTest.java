package dev.otellab.lab.traffic;

import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.embedded.LabServiceProcess;
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
        try (LabServiceProcess backend = startBackend();
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

    /** The real lab-backend, exporting nothing: these tests count answers, not telemetry. */
    private LabServiceProcess startBackend() throws Exception {
        LabBackendSettings settings = new LabBackendSettings(LabBackendJar.path(), "127.0.0.1", 0,
                dir.resolve("tasks.db"), "http://127.0.0.1:9", "lab-backend", Duration.ofSeconds(60),
                Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none"));
        return LabServiceProcess.start(settings, line -> { });
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

    @Test
    void aPlanSendsItsPhasesIncludingCpuWorkAndStopsByItselfAtItsEnd() throws Exception {
        try (LabServiceProcess backend = startBackend();
             TrafficGenerator traffic = new TrafficGenerator(backend.baseUrl(), TrafficProfile.DEFAULT)) {
            TrafficProfile work = new TrafficProfile(10, 0, 0, Duration.ZERO, 0.5, Duration.ofMillis(20));
            TrafficSchedule plan = TrafficSchedule.withBurst(work, Duration.ofSeconds(3), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 40);

            java.util.concurrent.CompletableFuture<Void> done = traffic.play(plan);
            assertThat(traffic.isPlaying()).isTrue();
            done.get(30, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15)).until(() -> traffic.counts().inFlight() == 0);

            TrafficCounts counts = traffic.counts();
            assertThat(traffic.isRunning()).isFalse();
            assertThat(traffic.isPlaying()).isFalse();
            assertThat(counts.sent()).as("10 req/s, then 40, then 10 again").isGreaterThan(40);
            assertThat(counts.succeeded()).isEqualTo(counts.sent());
        }
    }

    @Test
    void stoppingCancelsAPlanInProgress() {
        try (TrafficGenerator traffic = new TrafficGenerator(java.net.URI.create("http://127.0.0.1:9"), TrafficProfile.DEFAULT)) {
            java.util.concurrent.CompletableFuture<Void> done = traffic.play(
                    TrafficSchedule.steady(new TrafficProfile(1, 0, 0, Duration.ZERO), Duration.ofMinutes(5)));
            traffic.stop();

            assertThat(done).isCancelled();
            assertThat(traffic.isPlaying()).isFalse();
            assertThat(traffic.isRunning()).isFalse();
        }
    }

    @Test
    void aPlanTellsWhichProfileIsInForceAndWhenItEnds() {
        TrafficProfile base = new TrafficProfile(5, 0.1, 0, Duration.ofMillis(300), 0.1, Duration.ofMillis(700));
        TrafficSchedule plan = TrafficSchedule.withBurst(base, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), 50);

        assertThat(plan.length()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.profileAt(Duration.ofSeconds(9)).orElseThrow().requestsPerSecond()).isEqualTo(5);
        assertThat(plan.profileAt(Duration.ofSeconds(10)).orElseThrow().requestsPerSecond()).isEqualTo(50);
        assertThat(plan.profileAt(Duration.ofSeconds(15)).orElseThrow().requestsPerSecond()).isEqualTo(5);
        assertThat(plan.profileAt(Duration.ofSeconds(30))).isEmpty();
        assertThat(plan.longestRequest()).isEqualTo(Duration.ofMillis(700));
        assertThatThrownBy(() -> TrafficSchedule.withBurst(base, Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(5), 50))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> new TrafficProfile(10, 0.5, 0.3, Duration.ZERO, 0.3, Duration.ZERO))
                .hasMessageContaining("slow, failing and CPU work shares add up to more than 100%");
        assertThatThrownBy(() -> new TrafficProfile(10, 0, 0, Duration.ZERO, 0.1, Duration.ofSeconds(11)))
                .hasMessageContaining("CPU work time is between 0 and 10 s");
    }
}
