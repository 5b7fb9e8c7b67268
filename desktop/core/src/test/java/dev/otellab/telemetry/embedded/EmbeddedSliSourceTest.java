package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.ingest.TelemetryBatch;
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
import dev.otellab.telemetry.sli.RequestSample;
import dev.otellab.telemetry.sli.SliCalculator;
import dev.otellab.telemetry.sli.SliReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.server;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddedSliSourceTest {
    @TempDir
    Path dir;

    /** 100 tasks requests (1..100 ms, three 500s), 10 frontend ones, and non-SERVER spans that must not count. */
    private static List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String route = i % 4 == 0 ? "/api/users" : "/api/tasks";
            spans.add(server(traceId(i), "tasks", route, at(i * 100L), i, i == 10 || i == 20 || i == 30 ? 500 : 200));
            spans.add(span(traceId(i), spanId(10_000 + i), "", "tasks", "SELECT", SpanKind.CLIENT, at(i * 100L), 1,
                    StatusCode.ERROR, Map.of()));
        }
        for (int i = 1; i <= 10; i++) {
            spans.add(server(traceId(500 + i), "frontend", "/", at(i * 100L), 5, 200));
        }
        return spans;
    }

    @Test
    void slisFromStoredServerSpansEqualThePureCalculation() {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(TelemetryBatch.ofSpans(spans())).toCompletableFuture().join();
            TimeRange range = new TimeRange(at(0), at(20_000));

            SliReport report = store.slis().sli("tasks", range, Duration.ofSeconds(5));

            SliPoint total = report.overall().total();
            assertThat(total.requests()).isEqualTo(100);
            assertThat(total.availability()).isCloseTo(0.97, within(1e-12));
            assertThat(List.of(total.p50Millis(), total.p95Millis(), total.p99Millis())).containsExactly(50.0, 95.0, 99.0);
            assertThat(report.overall().points()).hasSize(4);
            assertThat(report.overall().points()).extracting(SliPoint::requests).containsExactly(49L, 50L, 1L, 0L);
            assertThat(report.overall().points().get(3).p95Millis()).isNaN();
            assertThat(report.byRoute()).extracting(SliSeries::route).containsExactly("/api/tasks", "/api/users");
            assertThat(report.byRoute()).extracting(series -> series.total().requests()).containsExactly(75L, 25L);
            assertThat(report).isEqualTo(SliCalculator.fromSpans("tasks", spans().stream()
                    .filter(span -> span.serviceName().equals("tasks")).toList(), range, Duration.ofSeconds(5)));
        }
    }

    /**
     * Many requests of every kind the store keeps (HTTP status or only a span status, routes or the
     * span name, non-ASCII routes, equal durations): the store's report has the numbers of the plain
     * definition over the same spans, for several ranges and steps.
     */
    @Test
    void slisOfManyStoredRequestsEqualThePlainDefinition() {
        Random random = new Random(13);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Map<String, Object> attributes = new HashMap<>();
            switch (random.nextInt(4)) {
                case 0 -> attributes.put("http.response.status_code", (long) List.of(200, 404, 500, 503).get(random.nextInt(4)));
                case 1 -> attributes.put("http.status_code", String.valueOf(List.of(201, 502).get(random.nextInt(2))));
                default -> { } // no HTTP status: the span status decides
            }
            if (random.nextInt(5) > 0) {
                attributes.put("http.route", List.of("/api/tasks", "/api/tasks/{id}", "/api/tâches", "/").get(random.nextInt(4)));
            }
            StatusCode status = StatusCode.values()[random.nextInt(StatusCode.values().length)];
            long durationMillis = random.nextInt(3) == 0 ? 5 : random.nextInt(2_000);
            spans.add(span(traceId(1_000 + i), spanId(1_000 + i), "", "tasks", "GET /name-" + random.nextInt(3),
                    SpanKind.SERVER, at(random.nextInt(120_000)), durationMillis, status, attributes));
        }
        spans.addAll(spans());
        List<RequestSample> samples = spans.stream()
                .filter(span -> span.kind() == SpanKind.SERVER && span.serviceName().equals("tasks"))
                .map(RequestSample::of).toList();
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(TelemetryBatch.ofSpans(spans)).toCompletableFuture().join();

            for (TimeRange range : List.of(new TimeRange(at(0), at(120_000)), new TimeRange(at(30_000) + 7, at(95_500)))) {
                for (Duration step : List.of(Duration.ofSeconds(15), Duration.ofMillis(2_500), range.length())) {
                    assertThat(store.slis().sli("tasks", range, step)).as("range %s, step %s", range, step)
                            .isEqualTo(SliReference.report("tasks", samples, range, step));
                }
            }
        }
    }

    @Test
    void requestsInTheFirstAndLastTimeSlotOfTheRangeButOutsideItDoNotCount() {
        long slotSize = 1L << TimeBucket.SHIFT;
        long slot = (at(5_000) >> TimeBucket.SHIFT) << TimeBucket.SHIFT;
        TimeRange range = new TimeRange(slot + 1_000_000, slot + 3 * slotSize + 1_000_000);
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(TelemetryBatch.ofSpans(List.of(
                    server(traceId(1), "tasks", "/", range.fromUnixNano() - 1, 7, 500),
                    server(traceId(2), "tasks", "/", range.fromUnixNano(), 1, 200),
                    server(traceId(3), "tasks", "/", slot + slotSize + 5, 2, 200),
                    server(traceId(4), "tasks", "/", slot + 2 * slotSize + 5, 3, 200),
                    server(traceId(5), "tasks", "/", range.toUnixNano() - 1, 4, 200),
                    server(traceId(6), "tasks", "/", range.toUnixNano(), 7, 500)))).toCompletableFuture().join();

            SliPoint total = store.slis().sli("tasks", range, Duration.ofMillis(10)).overall().total();

            assertThat(total.requests()).isEqualTo(4);
            assertThat(total.availability()).isEqualTo(1.0);
            assertThat(total.p99Millis()).isEqualTo(4.0);
        }
    }

    @Test
    void sloStatusJudgesTheWholeRangeOverallThenPerRoute() {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            store.accept(TelemetryBatch.ofSpans(spans())).toCompletableFuture().join();

            List<SloStatus> statuses = store.slis().sloStatus("tasks", new TimeRange(at(0), at(20_000)),
                    new SloTargets(0.99, 500));

            assertThat(statuses).hasSize(3);
            assertThat(statuses.get(0).route()).isEmpty();
            assertThat(statuses.get(0).burnRate()).isCloseTo(3.0, within(1e-9));
            assertThat(statuses.get(0).overall()).isEqualTo(SloHealth.RED);
            assertThat(statuses.get(2).route()).isEqualTo("/api/users");
            assertThat(statuses.get(2).requests()).isEqualTo(25);
            assertThat(statuses.get(2).availability()).isCloseTo(0.96, within(1e-12)); // request 20 failed
        }
    }

    @Test
    void servicesAreThoseWithServerSpansInTheRange() {
        try (TelemetryStore store = TelemetryStore.open(dir)) {
            List<Span> spans = new ArrayList<>(spans());
            spans.add(span(traceId(900), spanId(900), "", "worker", "job", SpanKind.CONSUMER, at(50), 1,
                    StatusCode.UNSET, Map.of()));
            spans.add(server(traceId(901), "old-service", "/", at(-600_000), 1, 200));
            store.accept(TelemetryBatch.ofSpans(spans)).toCompletableFuture().join();

            assertThat(store.slis().services(new TimeRange(at(0), at(20_000)))).containsExactly("frontend", "tasks");
            assertThat(store.slis().services(TimeRange.all())).containsExactly("frontend", "old-service", "tasks");
            assertThat(store.slis().sli("nobody", new TimeRange(at(0), at(1_000)), Duration.ofSeconds(1))
                    .overall().total().hasRequests()).isFalse();
        }
    }
}
