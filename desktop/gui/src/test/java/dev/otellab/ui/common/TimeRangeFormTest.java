package dev.otellab.ui.common;

import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time range form every searching view shares, without a screen. */
class TimeRangeFormTest {
    private static final long NOW = TimeRange.toNanos(TestExecutors.CLOCK.instant());

    private final TimeRangeForm form = new TimeRangeForm(TestExecutors.CLOCK,
            List.of(TimeRangeChoice.LAST_15_MINUTES, TimeRangeChoice.LAST_HOUR, TimeRangeChoice.CUSTOM),
            TimeRangeChoice.LAST_15_MINUTES);

    @Test
    void startsWithItsInitialChoiceAndResolvesItAsOfNow() {
        assertThat(form.choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_15_MINUTES);
        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(form.resolve()).isEqualTo(TimeRangeChoice.LAST_15_MINUTES.resolve(TestExecutors.CLOCK, "", ""));
    }

    @Test
    void customBoundsAreValidatedAsTyped() {
        form.choiceProperty().set(TimeRangeChoice.CUSTOM);
        form.customFromProperty().set("yesterday");
        assertThat(form.problemProperty().get()).contains("'yesterday' is not a valid 'from' time");

        form.customFromProperty().set("2026-11-25 09:00");
        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(form.resolve().toUnixNano()).as("an open end").isEqualTo(Long.MAX_VALUE);
        assertThat(form.resolveClosed("the charts need one").toUnixNano()).isEqualTo(NOW);

        form.customFromProperty().set("");
        assertThatThrownBy(() -> form.resolveClosed("the charts need one")).hasMessageContaining("the charts need one");
    }

    @Test
    void aSavedFormComesBackAndAChoiceNoLongerOfferedGivesWay() {
        form.showCustom(NOW - 60_000_000_000L, NOW, ZoneOffset.UTC);
        Map<String, String> state = new HashMap<>();
        form.save(state);
        assertThat(state).containsEntry("range", "CUSTOM").containsEntry("customFrom", "2026-11-25 09:29:00")
                .containsEntry("customTo", "2026-11-25 09:30:00");

        TimeRangeForm again = new TimeRangeForm(TestExecutors.CLOCK, form.choices(), TimeRangeChoice.LAST_15_MINUTES);
        again.restore(state);
        assertThat(again.key()).isEqualTo(form.key());
        assertThat(again.resolve().length()).isEqualTo(Duration.ofMinutes(1));

        assertThat(again.restoreChoice(Map.of("range", "LAST_24_HOURS"))).isTrue();
        assertThat(again.choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_15_MINUTES);
        again.choiceProperty().set(TimeRangeChoice.LAST_HOUR);
        assertThat(again.restoreChoice(Map.of("range", "LAST_FORTNIGHT"))).isFalse();
        assertThat(again.choiceProperty().get()).isEqualTo(TimeRangeChoice.LAST_15_MINUTES);
    }

    @Test
    void theKeyAndTheDependenciesFollowTheWholeForm() {
        String before = form.key();
        form.customToProperty().set("2026-11-25 09:30");

        assertThat(form.key()).isNotEqualTo(before);
        assertThat(form.dependencies()).containsExactly(form.choiceProperty(), form.customFromProperty(), form.customToProperty());
        assertThat(form.dependencies(form.choiceProperty())).hasSize(4);
    }
}
