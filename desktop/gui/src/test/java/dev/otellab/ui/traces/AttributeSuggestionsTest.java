package dev.otellab.ui.traces;

import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceTags;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.SampleTelemetry;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.UiExecutors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The Attributes field's completion in the search view model, over a fake {@link TraceTags}. */
class AttributeSuggestionsTest {
    private final ScheduledExecutorService timer = TestExecutors.timer();
    private final InMemoryTelemetry telemetry = SampleTelemetry.generate(TestExecutors.CLOCK, 5).toTelemetry();
    private final SettableClock clock = new SettableClock(TestExecutors.CLOCK.instant());
    private final FakeTags tags = new FakeTags();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private TraceSearchViewModel model(TraceTags source) {
        return new TraceSearchViewModel(telemetry, telemetry, source,
                new UiExecutors(Runnable::run, Runnable::run, timer, clock));
    }

    private static List<String> shown(List<AttributeSuggestion> suggestions) {
        return suggestions.stream().map(AttributeSuggestion::shown).toList();
    }

    private static List<String> texts(List<AttributeSuggestion> suggestions) {
        return suggestions.stream().map(AttributeSuggestion::text).toList();
    }

    @Test
    void offersTheNamesContainingTheTypedPartAndCompletesThemWithEquals() {
        List<AttributeSuggestion> suggestions = model(tags).attributeSuggestions("HTTP");

        assertThat(shown(suggestions)).containsExactly("http.response.status_code", "http.route");
        assertThat(texts(suggestions)).containsExactly("http.response.status_code=", "http.route=");
    }

    @Test
    void replacesOnlyTheLastTokenKeepingWhatWasTypedBefore() {
        List<AttributeSuggestion> suggestions = model(tags)
                .attributeSuggestions("db.statement=\"SELECT 1 FROM tasks\" service.name=lab-web  rou");

        assertThat(texts(suggestions))
                .containsExactly("db.statement=\"SELECT 1 FROM tasks\" service.name=lab-web  http.route=");
    }

    @Test
    void offersTheValuesOfTheKeyOnceItReadsKeyEquals() {
        TraceSearchViewModel model = model(tags);

        assertThat(shown(model.attributeSuggestions("service.name=lab-web http.route="))).containsExactly("/tasks", "/tasks/{id}");
        assertThat(texts(model.attributeSuggestions("service.name=lab-web http.route=ID")))
                .containsExactly("service.name=lab-web http.route=/tasks/{id}");
        assertThat(tags.valueRequests).containsOnly("http.route");
    }

    @Test
    void quotesValuesWithSpacesAsTheFilterReadsThem() {
        TraceSearchViewModel model = model(tags);

        List<AttributeSuggestion> suggestions = model.attributeSuggestions("service.name=lab-web db.statement=\"insert");

        assertThat(texts(suggestions)).containsExactly("service.name=lab-web db.statement=\"INSERT INTO tasks\"");
        model.attributesProperty().set(suggestions.get(0).text());
        assertThat(model.criteria().attributes())
                .isEqualTo(Map.of("service.name", "lab-web", "db.statement", "INSERT INTO tasks"));
    }

    @Test
    void asksForTheFormsTimeRange() {
        TraceSearchViewModel model = model(tags);
        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_15_MINUTES);

        model.attributeSuggestions("http");

        assertThat(tags.ranges).containsExactly(TimeRange.last(Duration.ofMinutes(15), clock));
    }

    @Test
    void keepsWhatTheSourceSaidForAFewSecondsPerRange() {
        TraceSearchViewModel model = model(tags);

        model.attributeSuggestions("h");
        model.attributeSuggestions("ht");
        model.attributeSuggestions("htt");
        assertThat(tags.ranges).hasSize(1);

        model.timeRangeForm().choiceProperty().set(TimeRangeChoice.LAST_24_HOURS);
        model.attributeSuggestions("http");
        assertThat(tags.ranges).hasSize(2);

        clock.advance(AttributeCompletion.KEPT.plusMillis(1));
        model.attributeSuggestions("http.");
        assertThat(tags.ranges).hasSize(3);
    }

    @Test
    void aFailingSourceOrNoSourceOffersNothing() {
        TraceTags failing = new TraceTags() {
            @Override
            public List<String> tagNames(TimeRange range) {
                throw new TelemetryQueryException("The docker lab is not started");
            }

            @Override
            public List<String> tagValues(String name, TimeRange range) {
                throw new TelemetryQueryException("The docker lab is not started");
            }
        };

        assertThat(model(failing).attributeSuggestions("http")).isEmpty();
        assertThat(model(failing).attributeSuggestions("http.route=")).isEmpty();
        assertThat(model(null).attributeSuggestions("http")).isEmpty();
    }

    private static final class FakeTags implements TraceTags {
        final List<TimeRange> ranges = new ArrayList<>();
        final List<String> valueRequests = new ArrayList<>();

        @Override
        public List<String> tagNames(TimeRange range) {
            ranges.add(range);
            return List.of("db.statement", "http.response.status_code", "http.route", "service.name");
        }

        @Override
        public List<String> tagValues(String name, TimeRange range) {
            ranges.add(range);
            valueRequests.add(name);
            return switch (name) {
                case "http.route" -> List.of("/tasks", "/tasks/{id}");
                case "db.statement" -> List.of("INSERT INTO tasks", "SELECT 1");
                default -> List.of();
            };
        }
    }

    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
