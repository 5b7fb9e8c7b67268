package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calculator on columns gives the very numbers of the plain definition ({@link SliReference}). */
class SliCalculatorSameNumbersTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long FROM = 1_796_000_000L * SECOND + 123_456_789L;

    /** Requests over 100 s from FROM - 10 s: some outside the ranges below, few and many per step. */
    private static List<RequestSample> requests(long seed, int count, int routes) {
        Random random = new Random(seed);
        List<RequestSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = FROM - 10 * SECOND + (long) (random.nextDouble() * random.nextDouble() * 100 * SECOND);
            long duration = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(20) * 1_000_000L; // many equal durations, zero included
                case 1 -> -random.nextInt(1_000); // a clock that went back: kept as stored
                case 2 -> (long) random.nextInt(Integer.MAX_VALUE) * 1_000_000L; // up to 24 days
                default -> random.nextInt(500_000_000);
            };
            String route = random.nextInt(20) == 0 ? "" : "/api/r" + random.nextInt(routes) + (i % 7 == 0 ? "/é" : "");
            samples.add(new RequestSample(start, duration, route, random.nextInt(10) == 0));
        }
        return samples;
    }

    @Test
    void reportsEqualThePlainDefinitionForManyRangesAndSteps() {
        List<TimeRange> ranges = List.of(new TimeRange(FROM, FROM + 60 * SECOND),
                new TimeRange(FROM, FROM + 61 * SECOND + 7), new TimeRange(FROM + 5, FROM + 5),
                new TimeRange(FROM - 20 * SECOND, FROM + 200 * SECOND));
        List<Duration> steps = List.of(Duration.ofSeconds(15), Duration.ofMillis(700), Duration.ofSeconds(60),
                Duration.ofSeconds(1000));
        for (long seed = 1; seed <= 6; seed++) {
            List<RequestSample> samples = requests(seed, (int) (seed * seed * 300), (int) seed * 3);
            for (TimeRange range : ranges) {
                for (Duration step : steps) {
                    assertThat(SliCalculator.report("tasks", samples, range, step))
                            .as("seed %d, range %s, step %s", seed, range, step)
                            .isEqualTo(SliReference.report("tasks", samples, range, step));
                }
            }
        }
    }

    @Test
    void oneRequestAndNoneAreTheirOwnPercentiles() {
        TimeRange range = new TimeRange(FROM, FROM + 30 * SECOND);
        List<RequestSample> one = List.of(new RequestSample(FROM + SECOND, 7_000_000, "/one", true));

        assertThat(SliCalculator.report("tasks", one, range, Duration.ofSeconds(10)))
                .isEqualTo(SliReference.report("tasks", one, range, Duration.ofSeconds(10)));
        assertThat(SliCalculator.report("tasks", one, range, Duration.ofSeconds(10)).overall().total().p99Millis())
                .isEqualTo(7.0);
        assertThat(SliCalculator.report("tasks", List.of(), range, Duration.ofSeconds(10)))
                .isEqualTo(SliReference.report("tasks", List.of(), range, Duration.ofSeconds(10)));
    }

    @Test
    void joinedColumnsGiveTheReportOfAllTheirRequests() {
        List<RequestSample> first = requests(4, 700, 3);
        List<RequestSample> second = requests(5, 900, 5);
        List<RequestSample> all = new ArrayList<>(first);
        all.addAll(second);
        TimeRange range = new TimeRange(FROM, FROM + 60 * SECOND);

        long step = Duration.ofSeconds(15).toNanos();
        RequestColumns joined = RequestColumns.concat(RequestColumns.of(first, range, step),
                RequestColumns.of(second, range, step));

        assertThat(joined.routes()).doesNotHaveDuplicates();
        assertThat(SliCalculator.report("tasks", joined, range, Duration.ofSeconds(15)))
                .isEqualTo(SliReference.report("tasks", all, range, Duration.ofSeconds(15)));
    }

    @Test
    void columnsNameEachRouteOnce() {
        TimeRange all = new TimeRange(FROM - 10 * SECOND, FROM + 90 * SECOND);
        RequestColumns columns = RequestColumns.of(requests(3, 500, 4), all, SECOND);

        assertThat(columns.routes()).doesNotHaveDuplicates();
        assertThat(columns.size()).isEqualTo(500);
    }

    @Test
    void columnsHoldTheRequestsOfTheRangeEachInItsStep() {
        TimeRange range = new TimeRange(FROM, FROM + 30 * SECOND);
        List<RequestSample> samples = List.of(new RequestSample(FROM - 1, 1, "/before", false),
                new RequestSample(FROM, 2, "/first", false), new RequestSample(FROM + 10 * SECOND - 1, 3, "/first", true),
                new RequestSample(FROM + 10 * SECOND, 4, "/second", false),
                new RequestSample(FROM + 30 * SECOND - 1, 5, "/last", true),
                new RequestSample(FROM + 30 * SECOND, 6, "/after", false));

        RequestColumns columns = RequestColumns.of(samples, range, 10 * SECOND);

        assertThat(columns.steps()).containsExactly(0, 0, 1, 2);
        assertThat(columns.durations()).containsExactly(2, 3, 4, 5);
        assertThat(columns.errors()).containsExactly(false, true, false, true);
        assertThat(columns.routes()).containsExactly("/first", "/second", "/last");
        assertThat(columns.routeIndexes()).containsExactly(0, 0, 1, 2);
    }

    @Test
    void aRequestPlacedOutsideTheStepsOfTheRangeIsRefused() {
        TimeRange range = new TimeRange(FROM, FROM + 30 * SECOND);
        RequestColumns columns = new RequestColumns(new int[] {0, 3}, new long[] {1, 2}, new int[] {0, 0},
                new boolean[2], List.of("/tasks"));

        assertThatThrownBy(() -> SliCalculator.report("tasks", columns, range, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 3 of 3");
    }
}
