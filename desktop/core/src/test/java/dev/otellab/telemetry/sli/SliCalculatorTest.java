package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SliSeries;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SliCalculatorTest {
    private static final long SECOND = 1_000_000_000L;
    private static final TimeRange MINUTE = new TimeRange(0, 60 * SECOND);

    private static Span server(int i, String route, long start, long durationMillis, Map<String, Object> attributes,
                               StatusCode status) {
        Map<String, Object> all = new java.util.HashMap<>(attributes);
        if (route != null) {
            all.put("http.route", route);
        }
        return new Span("0af7651916cd43dd8448eb211c80319c", String.format("%016x", i + 1), "", "GET /fallback",
                SpanKind.SERVER, "tasks", start, start + durationMillis * 1_000_000, status, "", all, List.of(),
                List.of(), null, null);
    }

    /** 100 requests in the first 50 s: durations 1..100 ms, numbers 10, 20 and 30 answered 500. */
    private static List<Span> hundredRequests() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            long status = i == 10 || i == 20 || i == 30 ? 500 : 200;
            spans.add(server(i, "/api/tasks", (i - 1) * SECOND / 2, i,
                    Map.of("http.response.status_code", status), StatusCode.UNSET));
        }
        return spans;
    }

    @Test
    void hundredRequestsGiveExactNearestRankPercentilesAndRatios() {
        SliReport report = SliCalculator.fromSpans("tasks", hundredRequests(), MINUTE, Duration.ofSeconds(60));
        SliPoint total = report.overall().total();

        assertThat(total.requests()).isEqualTo(100);
        assertThat(total.errors()).isEqualTo(3);
        assertThat(total.errorRatio()).isCloseTo(0.03, within(1e-12));
        assertThat(total.availability()).isCloseTo(0.97, within(1e-12));
        assertThat(total.requestRate()).isCloseTo(100 / 60.0, within(1e-12));
        assertThat(total.p50Millis()).isEqualTo(50.0);
        assertThat(total.p95Millis()).isEqualTo(95.0);
        assertThat(total.p99Millis()).isEqualTo(99.0);
    }

    @Test
    void theSloOfThoseRequestsIsRedWithBurnRateThree() {
        SliReport report = SliCalculator.fromSpans("tasks", hundredRequests(), MINUTE, Duration.ofSeconds(60));

        SloStatus status = SloEvaluator.evaluate(report.overall(), new SloTargets(0.99, 500));

        assertThat(status.burnRate()).isCloseTo(3.0, within(1e-9));
        assertThat(status.errorBudgetRemaining()).isCloseTo(-2.0, within(1e-9));
        assertThat(status.availabilityHealth()).isEqualTo(SloHealth.RED);
        assertThat(status.latencyHealth()).isEqualTo(SloHealth.GREEN);
        assertThat(status.overall()).isEqualTo(SloHealth.RED);
    }

    @Test
    void stepsSplitRequestsByStartAndEmptyStepsAreNaN() {
        SliReport report = SliCalculator.fromSpans("tasks", hundredRequests(), MINUTE, Duration.ofSeconds(15));
        List<SliPoint> points = report.overall().points();

        assertThat(points).hasSize(4);
        assertThat(points).extracting(SliPoint::timeUnixNano).containsExactly(0L, 15 * SECOND, 30 * SECOND, 45 * SECOND);
        assertThat(points).extracting(SliPoint::requests).containsExactly(30L, 30L, 30L, 10L);
        assertThat(points.get(0).errors()).isEqualTo(3);
        assertThat(points.get(0).requestRate()).isEqualTo(2.0);
        assertThat(points.get(1).p50Millis()).isEqualTo(45.0); // durations 31..60
        SliReport late = SliCalculator.fromSpans("tasks", hundredRequests(), new TimeRange(0, 90 * SECOND),
                Duration.ofSeconds(30));
        SliPoint empty = late.overall().points().get(2);
        assertThat(empty.hasRequests()).isFalse();
        assertThat(empty.requestRate()).isZero();
        assertThat(List.of(empty.errorRatio(), empty.availability(), empty.p50Millis(), empty.p95Millis(),
                empty.p99Millis())).allMatch(value -> Double.isNaN(value));
    }

    @Test
    void routesSplitTheRequestsAndTheSpanNameStandsInForAMissingRoute() {
        List<Span> spans = new ArrayList<>(hundredRequests().subList(0, 4));
        spans.add(server(200, "/api/users", SECOND, 7, Map.of("http.response.status_code", 503L), StatusCode.UNSET));
        spans.add(server(201, null, 2 * SECOND, 9, Map.of(), StatusCode.ERROR));
        spans.add(server(202, null, 3 * SECOND, 11, Map.of("http.response.status_code", 404L), StatusCode.ERROR));

        SliReport report = SliCalculator.fromSpans("tasks", spans, MINUTE, Duration.ofSeconds(60));

        assertThat(report.byRoute()).extracting(SliSeries::route).containsExactly("/api/tasks", "/api/users",
                "GET /fallback");
        assertThat(report.byRoute()).extracting(series -> series.total().requests()).containsExactly(4L, 1L, 2L);
        // No status code: span status ERROR counts; a 404 is the client's error, whatever the span status.
        assertThat(report.byRoute().get(2).total().errors()).isEqualTo(1);
        assertThat(report.byRoute().get(1).total().errors()).isEqualTo(1);
        assertThat(report.overall().total().requests()).isEqualTo(7);
    }

    @Test
    void otherSpanKindsAndRequestsOutsideTheRangeAreIgnored() {
        List<Span> spans = new ArrayList<>(hundredRequests().subList(0, 2));
        spans.add(new Span("0af7651916cd43dd8448eb211c80319c", "00000000000000aa", "", "SELECT", SpanKind.CLIENT,
                "tasks", 0, 5, StatusCode.ERROR, "", Map.of(), List.of(), List.of(), null, null));
        spans.add(server(300, "/api/tasks", 61 * SECOND, 1, Map.of(), StatusCode.UNSET));

        assertThat(SliCalculator.fromSpans("tasks", spans, MINUTE, Duration.ofSeconds(60)).overall().total().requests())
                .isEqualTo(2);
    }

    @Test
    void nearestRankPicksAnObservedValue() {
        long[] sorted = {10, 20, 30, 40};

        assertThat(SliCalculator.nearestRank(sorted, 50)).isEqualTo(20);
        assertThat(SliCalculator.nearestRank(sorted, 51)).isEqualTo(30);
        assertThat(SliCalculator.nearestRank(sorted, 99)).isEqualTo(40);
        assertThat(SliCalculator.nearestRank(new long[] {7}, 1)).isEqualTo(7);
    }

    @Test
    void tooManyStepsIsRefused() {
        assertThatThrownBy(() -> SliCalculator.report("tasks", List.of(), TimeRange.all(), Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Too many steps");
    }
}
