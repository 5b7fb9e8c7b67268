package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.embedded.LabServiceProcess;
import dev.otellab.lab.embedded.LabBackendSettings;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.model.LatencyExemplar;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.query.LatencyExemplars;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * PrometheusSliSource against a real Prometheus scraping a real lab-backend under traffic with
 * slow and failing requests: what the source reports equals the seeds' PromQL evaluated
 * directly through Prometheus's HTTP API. lab-backend exports its spans to a loopback sink that
 * stands in for the collector (its metrics carry trace exemplars only when spans are exported).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusSliSourceTest {
    private static final String JOB = "lab-backend";
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String WINDOW = "5000ms";
    private static final String SLOW_ROUTE = "/api/simulate-slow";

    private final FixtureServer collector = new FixtureServer();
    private LabServiceProcess backend;
    private PrometheusProcess prometheus;
    private SliSource slis;
    private LatencyExemplars exemplars;
    private TimeRange range;

    @BeforeAll
    void labUnderTraffic(@TempDir Path dir) throws Exception {
        PrometheusProcess.assumeInstalled();
        backend = LabServiceProcess.start(new LabBackendSettings(LabBackendJar.path(), "127.0.0.1", 0,
                dir.resolve("tasks.db"), collector.uri().toString(), JOB, Duration.ofSeconds(60), Map.of()), line -> { });
        prometheus = PrometheusProcess.start(dir, JOB,
                List.of(backend.baseUrl().getHost() + ":" + backend.baseUrl().getPort()));
        await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.get("/api/v1/query?query=up%3D%3D1")
                .body().contains("\"job\":\"" + JOB + "\""));
        Instant start = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        try (TrafficGenerator traffic = new TrafficGenerator(backend.baseUrl(),
                new TrafficProfile(20, 0.1, 0.1, Duration.ofMillis(300)))) {
            traffic.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> traffic.counts().sent() >= 360
                    && Instant.now().isAfter(start.plusSeconds(20)));
            traffic.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> traffic.counts().inFlight() == 0);
            assertThat(traffic.counts().serverErrors()).isPositive();
        }
        Instant end = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        range = TimeRange.between(start, end);
        // the last scrape of the traffic is in before anything is asked
        long endSeconds = end.getEpochSecond();
        await().atMost(Duration.ofSeconds(30)).until(() -> latestScrape() >= endSeconds + 2);
        LgtmSources sources = LgtmSources.connect(LgtmEndpoints.none().withPrometheus(prometheus.uri()),
                LgtmClientSettings.DEFAULT, STEP);
        slis = sources.slis();
        exemplars = sources.latencyExemplars();
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (backend != null) {
            backend.close();
        }
        collector.close();
    }

    @Test
    void theOverallSeriesEqualsTheSeedsPromQl() {
        SliReport report = slis.sli(JOB, range, STEP);

        String requests = "sum(rate(http_requests_total{job=\"lab-backend\"}[" + WINDOW + "]))";
        String errors = "sum(rate(http_errors_total{job=\"lab-backend\"}[" + WINDOW + "]))";
        String p95 = "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"lab-backend\"}["
                + WINDOW + "]))) * 1000";
        SliSeries overall = report.overall();
        assertThat(overall.isOverall()).isTrue();
        assertThat(overall.points()).hasSize((int) (range.length().toSeconds() / STEP.toSeconds()));
        int compared = compare(overall, requests, SliPoint::requestRate);
        compared += compare(overall, errors + " / " + requests, SliPoint::errorRatio);
        compared += compare(overall, "1 - (" + errors + " / " + requests + ")", SliPoint::availability);
        compared += compare(overall, p95, SliPoint::p95Millis);
        compared += compare(overall, "histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket"
                + "{job=\"lab-backend\"}[" + WINDOW + "]))) * 1000", SliPoint::p50Millis);
        assertThat(compared).as("points compared").isGreaterThanOrEqualTo(12);
        assertThat(overall.points()).anySatisfy(point -> assertThat(point.errorRatio()).isPositive());
    }

    @Test
    void eachRouteEqualsThePerRoutePromQl() {
        SliReport report = slis.sli(JOB, range, STEP);

        assertThat(report.byRoute()).extracting(SliSeries::route).contains(SLOW_ROUTE, "/api/reports/overdue")
                .isSorted();
        SliSeries slow = report.byRoute().stream().filter(s -> s.route().equals(SLOW_ROUTE)).findFirst().orElseThrow();
        String selector = "{job=\"lab-backend\",route=\"" + SLOW_ROUTE + "\"}";
        int compared = compare(slow, "sum(rate(http_requests_total" + selector + "[" + WINDOW + "]))",
                SliPoint::requestRate);
        compared += compare(slow, "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
                + selector + "[" + WINDOW + "]))) * 1000", SliPoint::p99Millis);
        assertThat(compared).isPositive();
        // the slow requests wait 300 ms: their p99 is at least in the 250-500 ms bucket
        assertThat(slow.total().p99Millis()).isGreaterThanOrEqualTo(250.0);
        SliSeries failing = report.byRoute().stream().filter(s -> s.route().equals("/api/reports/overdue"))
                .findFirst().orElseThrow();
        assertThat(failing.total().availability()).isZero();
    }

    @Test
    void totalsAndSloStatusEqualTheIncreaseOverTheWholeRange() {
        long lengthMillis = range.length().toMillis();
        String time = PrometheusSliSource.seconds(range.toUnixNano());
        double requests = direct("sum(increase(http_requests_total{job=\"lab-backend\"}[" + lengthMillis + "ms]))",
                time);
        double errors = direct("sum(increase(http_errors_total{job=\"lab-backend\"}[" + lengthMillis + "ms]))", time);
        double p95 = direct("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                + "{job=\"lab-backend\"}[" + lengthMillis + "ms])))", time) * 1000;

        SliPoint total = slis.sli(JOB, range, STEP).overall().total();
        List<SloStatus> statuses = slis.sloStatus(JOB, range, new SloTargets(0.99, 500));

        assertThat(total.requests()).isEqualTo(Math.round(requests));
        assertThat(total.errors()).isEqualTo(Math.round(errors));
        assertThat(total.availability()).isCloseTo(1 - errors / requests, within(1e-9));
        assertThat(total.p95Millis()).isCloseTo(p95, within(1e-6));
        SloStatus overall = statuses.get(0);
        assertThat(overall.route()).isEmpty();
        assertThat(overall.requests()).isEqualTo(Math.round(requests));
        assertThat(overall.availability()).isCloseTo(1 - errors / requests, within(1e-9));
        assertThat(overall.p95LatencyMillis()).isCloseTo(p95, within(1e-6));
        // 10% of requests fail: far below a 99% objective
        assertThat(overall.availabilityHealth()).isEqualTo(SloHealth.RED);
        assertThat(statuses).extracting(SloStatus::route).contains(SLOW_ROUTE);
    }

    @Test
    void exemplarsLinkLatenciesToTheirTraces() {
        List<LatencyExemplar> found = exemplars.latencyExemplars(JOB, range);

        assertThat(found).isNotEmpty().allSatisfy(exemplar -> {
            assertThat(TraceId.isValid(exemplar.traceId())).as(exemplar.traceId()).isTrue();
            assertThat(SpanId.isValid(exemplar.spanId())).as(exemplar.spanId()).isTrue();
            assertThat(exemplar.route()).startsWith("/");
            assertThat(exemplar.latencyMillis()).isPositive();
            assertThat(range.contains(exemplar.timeUnixNano())).isTrue();
        });
        assertThat(found).extracting(LatencyExemplar::timeUnixNano).isSorted();
        assertThat(found).filteredOn(exemplar -> exemplar.route().equals(SLOW_ROUTE))
                .anySatisfy(exemplar -> assertThat(exemplar.latencyMillis()).isGreaterThanOrEqualTo(300));
    }

    @Test
    void servicesAreTheScrapeJobsWithRequestMetrics() {
        assertThat(slis.services(range)).containsExactly(JOB);
        assertThat(slis.services(new TimeRange(0, 1_000_000_000L))).isEmpty();
    }

    @Test
    void aWrongAddressOrTooFineAStepIsSaidPlainly() {
        URI wrong = URI.create(prometheus.uri() + "/not-prometheus");
        SliSource misdirected = LgtmSources.connect(LgtmEndpoints.none().withPrometheus(wrong),
                LgtmClientSettings.DEFAULT.withRetries(0), STEP).slis();

        assertThatThrownBy(() -> misdirected.services(range))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageStartingWith("Prometheus at " + wrong + " answered 404 Not Found")
                .hasMessageContaining("values of label job");
        assertThatThrownBy(() -> slis.sli(JOB, range, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 11000 points per series");
    }

    @Test
    void testConnectionSaysPerBackendWhatAnsweredAndWhatDidNot() {
        try (FixtureServer recorded = new FixtureServer()) {
            recorded.on("/api/status/buildinfo", FixtureServer.fixture("tempo-2.7.2/tempo-buildinfo.json"));
            recorded.on("/loki/api/v1/status/buildinfo", FixtureServer.fixture("loki-3.4.6/loki-buildinfo.json"));
            URI grafana = URI.create("http://127.0.0.1:" + FreePort.find());
            LgtmEndpoints endpoints = new LgtmEndpoints(recorded.uri(), recorded.uri(), prometheus.uri(), grafana,
                    LgtmEndpoints.Auth.NONE, "team-a", null);

            List<ConnectionCheck.Result> results = ConnectionCheck.run(endpoints);

            assertThat(results).extracting(ConnectionCheck.Result::backend).containsExactly(Backend.TEMPO, Backend.LOKI,
                    Backend.PROMETHEUS, Backend.GRAFANA);
            assertThat(results.get(0).ok()).isTrue();
            assertThat(results.get(0).message()).isEqualTo("Tempo v2.7.2");
            assertThat(results.get(1).message()).isEqualTo("Loki v3.4.6");
            assertThat(results.get(2).ok()).isTrue();
            assertThat(results.get(2).message()).matches("Prometheus \\d+\\.\\d+\\..*");
            assertThat(results.get(3).ok()).isFalse();
            assertThat(results.get(3).message()).startsWith("Grafana at " + grafana + " is unreachable");
            assertThat(recorded.lastRequest().header("X-Scope-OrgID")).isEqualTo("team-a");
        }
    }

    /** Compares the source's points with the PromQL evaluated directly at the same times. */
    private int compare(SliSeries series, String promQl, ToDoubleFunction<SliPoint> measure) {
        long stepMillis = STEP.toMillis();
        long firstMillis = range.fromUnixNano() / 1_000_000 + stepMillis;
        long lastMillis = firstMillis + (series.points().size() - 1) * stepMillis;
        JsonNode answer = json("/api/v1/query_range?query=" + encode(promQl) + "&start=" + firstMillis / 1000.0
                + "&end=" + lastMillis / 1000.0 + "&step=" + stepMillis / 1000.0);
        Map<Long, Double> expected = new TreeMap<>();
        for (JsonNode value : answer.path("data").path("result").path(0).path("values")) {
            expected.put(Math.round(value.get(0).asDouble() * 1000), PrometheusSliSource.number(value.get(1).asText()));
        }
        int compared = 0;
        for (Map.Entry<Long, Double> point : expected.entrySet()) {
            if (point.getValue().isNaN()) {
                continue;
            }
            int index = (int) ((point.getKey() - firstMillis) / stepMillis);
            assertThat(measure.applyAsDouble(series.points().get(index)))
                    .as("%s at %d", promQl, point.getKey()).isCloseTo(point.getValue(), within(1e-9 * Math.max(1, point.getValue())));
            compared++;
        }
        return compared;
    }

    private double direct(String promQl, String time) {
        JsonNode answer = json("/api/v1/query?query=" + encode(promQl) + "&time=" + time);
        return PrometheusSliSource.number(answer.path("data").path("result").path(0).path("value").path(1).asText("NaN"));
    }

    private long latestScrape() {
        JsonNode answer = json("/api/v1/query?query=" + encode("max(timestamp(up{job=\"lab-backend\"}))"));
        return (long) PrometheusSliSource.number(answer.path("data").path("result").path(0).path("value").path(1)
                .asText("0"));
    }

    private JsonNode json(String pathAndQuery) {
        try {
            return LgtmHttp.JSON.readTree(prometheus.get(pathAndQuery).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
