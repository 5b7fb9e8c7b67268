package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TimeRangeChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSearchViewModelTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final SampleTelemetry sample = SampleTelemetry.generate(TestExecutors.CLOCK, 40);
    private final InMemoryTelemetry telemetry = sample.toTelemetry();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private TraceSearchViewModel model(TraceSource source) {
        return new TraceSearchViewModel(source, telemetry, TestExecutors.direct(timer));
    }

    @Test
    void buildsTheCriteriaFromTheForm() {
        TraceSearchViewModel model = model(telemetry);
        model.serviceProperty().set(" lab-backend ");
        model.spanNameProperty().set("INSERT tasks");
        model.minDurationProperty().set("100ms");
        model.maxDurationProperty().set("2s");
        model.errorsOnlyProperty().set(true);
        model.attributesProperty().set("db.system.name=sqlite");

        assertThat(model.criteria()).isEqualTo(new TraceSearchCriteria("lab-backend", "INSERT tasks",
                Duration.ofMillis(100), Duration.ofSeconds(2), true, Map.of("db.system.name", "sqlite")));
        assertThat(model.canSearchProperty().get()).isTrue();
    }

    @Test
    void passesTheChosenTimeRangeAndTheLimit() {
        List<TimeRange> ranges = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        TraceSearchViewModel model = model(new TraceSource() {
            @Override
            public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
                ranges.add(range);
                limits.add(limit);
                return List.of();
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return Optional.empty();
            }
        });
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_5_MINUTES);
        model.search();
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.CUSTOM);
        model.timeRangeForm().customFromProperty().set("2026-11-25 08:00");
        model.timeRangeForm().customToProperty().set("2026-11-25 09:00");
        model.search();

        assertThat(ranges).containsExactly(TimeRange.last(Duration.ofMinutes(5), TestExecutors.CLOCK),
                TimeRangeChoice.CUSTOM.resolve(TestExecutors.CLOCK, "2026-11-25 08:00", "2026-11-25 09:00"));
        assertThat(limits).as("one more than shown: whether there are more").containsOnly(TraceSearchViewModel.RESULT_LIMIT + 1);
        assertThat(model.resultSummaryProperty().get()).isEqualTo("No traces match these filters in this time range");
    }

    @Test
    void showsInlineValidationMessagesAndBlocksTheSearch() {
        TraceSearchViewModel model = model(telemetry);
        model.minDurationProperty().set("fast");
        assertThat(model.minDurationErrorProperty().get()).contains("'fast' is not a duration");
        assertThat(model.canSearchProperty().get()).isFalse();

        model.minDurationProperty().set("2s");
        model.maxDurationProperty().set("100ms");
        assertThat(model.minDurationErrorProperty().get()).isEmpty();
        assertThat(model.maxDurationErrorProperty().get()).isEqualTo("The maximum is smaller than the minimum");

        model.maxDurationProperty().set("");
        model.attributesProperty().set("http.route");
        assertThat(model.attributesErrorProperty().get()).startsWith("'http.route' has no value");

        model.attributesProperty().set("");
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.CUSTOM);
        model.timeRangeForm().customFromProperty().set("25/11/2026");
        assertThat(model.rangeErrorProperty().get()).contains("is not a valid 'from' time");
        assertThat(model.canSearchProperty().get()).isFalse();

        model.search();
        assertThat(model.errorMessageProperty().get()).contains("is not a valid 'from' time");
        assertThat(model.results()).isEmpty();
    }

    @Test
    void appliesTheResultsNewestFirstAndLearnsTheServices() {
        TraceSearchViewModel model = model(telemetry);
        model.search();

        assertThat(model.results()).hasSize(40);
        assertThat(model.results().get(0).traceId()).isEqualTo(sample.errorTraceId());
        assertThat(model.results().get(0).hasErrors()).isTrue();
        assertThat(model.services()).containsExactly("lab-backend", "notification-service");
        assertThat(model.resultSummaryProperty().get()).isEqualTo("40 traces, 5 with errors");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.errorMessageProperty().get()).isEmpty();
    }

    @Test
    void filtersReachTheSource() {
        TraceSearchViewModel model = model(telemetry);
        model.errorsOnlyProperty().set(true);
        model.search();
        assertThat(model.results()).isNotEmpty().allMatch(TraceSummary::hasErrors);

        model.errorsOnlyProperty().set(false);
        model.attributesProperty().set("http.route=/api/simulate-slow");
        model.minDurationProperty().set("800ms");
        model.search();
        assertThat(model.results()).isNotEmpty().allMatch(summary -> summary.rootName().equals("GET /api/simulate-slow"));
    }

    @Test
    void showsTheSourcesErrorAsASentence() {
        TraceSearchViewModel model = model(new TraceSource() {
            @Override
            public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
                throw new TelemetryQueryException("The embedded store cannot be read: disk full");
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return Optional.empty();
            }
        });
        model.search();
        assertThat(model.errorMessageProperty().get()).isEqualTo("The embedded store cannot be read: disk full");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void loadsServiceChoicesFromTheSliSource() {
        TraceSearchViewModel model = model(telemetry);
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_24_HOURS);
        model.loadServices();
        assertThat(model.services()).containsExactly("lab-backend", "notification-service");
    }

    @Test
    void theOperationFieldOffersKnownNamesContainingWhatIsTyped() {
        TraceSearchViewModel model = model(telemetry);
        model.search();
        assertThat(model.results()).isNotEmpty();

        assertThat(model.operationSuggestions("tasks")).isNotEmpty()
                .allSatisfy(name -> assertThat(name.toLowerCase()).contains("tasks"));
        assertThat(model.operationSuggestions("post")).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("POST"));
        assertThat(model.operationSuggestions("no such operation")).isEmpty();
    }

    @Test
    void aServiceThatDoesNotExistSaysSoAndNamesTheKnownOnes() {
        TraceSearchViewModel model = model(telemetry);
        model.search();
        model.serviceProperty().set("lab-backnd");
        model.search();

        assertThat(model.results()).isEmpty();
        assertThat(model.resultSummaryProperty().get()).isEqualTo(
                "No service is named \"lab-backnd\": the services seen are lab-backend, notification-service");
    }

    @Test
    void moreMatchesThanTheListShowsAreCalledOut() {
        List<TraceSummary> many = new ArrayList<>();
        for (int i = 0; i <= TraceSearchViewModel.RESULT_LIMIT + 5; i++) {
            many.add(new TraceSummary(String.format("%032x", i), "svc", "GET /", 1_000L * i, 10, 1, 0, java.util.Set.of("svc")));
        }
        TraceSearchViewModel model = model(new TraceSource() {
            @Override
            public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
                return many.subList(0, Math.min(limit, many.size()));
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return Optional.empty();
            }
        });
        model.search();

        assertThat(model.results()).hasSize(TraceSearchViewModel.RESULT_LIMIT);
        assertThat(model.resultSummaryProperty().get()).contains("the newest " + TraceSearchViewModel.RESULT_LIMIT + " of more")
                .contains("narrow the time range");
    }

    @Test
    void autoRefreshIsOnUntilTheUserTurnsItOff() {
        assertThat(model(telemetry).autoRefreshProperty().get()).isTrue();
    }

    @Test
    void autoRefreshSearchesOnlyWhenOnAndVisible() {
        List<TraceSearchCriteria> searches = new ArrayList<>();
        TraceSearchViewModel model = model(new TraceSource() {
            @Override
            public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
                searches.add(criteria);
                return List.of();
            }

            @Override
            public Optional<Trace> trace(TraceId traceId) {
                return Optional.empty();
            }
        });
        model.autoRefreshTick();
        model.autoRefreshProperty().set(true);
        model.autoRefreshTick();
        assertThat(searches).isEmpty();
        model.visibleProperty().set(true);
        model.autoRefreshTick();
        assertThat(searches).hasSize(1);
        model.autoRefreshProperty().set(false);
    }

    @Test
    void remembersTheFormAsText() {
        TraceSearchViewModel model = model(telemetry);
        model.serviceProperty().set("lab-backend");
        model.minDurationProperty().set("1s");
        model.errorsOnlyProperty().set(true);
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_6_HOURS);
        Map<String, String> saved = model.saveState();

        TraceSearchViewModel restored = model(telemetry);
        restored.restoreState(saved);
        assertThat(restored.saveState()).isEqualTo(saved);
        assertThat(restored.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_6_HOURS);

        restored.restoreState(Map.of("range", "LAST_CENTURY"));
        assertThat(restored.timeRangeForm().choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_HOUR);
    }
}
