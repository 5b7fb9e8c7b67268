package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

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

        RequestColumns joined = RequestColumns.concat(RequestColumns.of(first), RequestColumns.of(second));

        assertThat(joined.routes()).doesNotHaveDuplicates();
        assertThat(SliCalculator.report("tasks", joined, range, Duration.ofSeconds(15)))
                .isEqualTo(SliReference.report("tasks", all, range, Duration.ofSeconds(15)));
    }

    @Test
    void columnsNameEachRouteOnce() {
        RequestColumns columns = RequestColumns.of(requests(3, 500, 4));

        assertThat(columns.routes()).doesNotHaveDuplicates();
        assertThat(columns.size()).isEqualTo(500);
    }
}
