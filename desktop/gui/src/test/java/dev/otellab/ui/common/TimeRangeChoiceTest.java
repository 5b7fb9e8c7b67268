package dev.otellab.ui.common;

import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeChoiceTest {

    @Test
    void lastMinutesEndNow() {
        TimeRange range = TimeRangeChoice.LAST_15_MINUTES.resolve(TestExecutors.CLOCK, "", "");
        long now = TimeRange.toNanos(TestExecutors.CLOCK.instant());
        assertThat(range.toUnixNano()).isEqualTo(now + 1);
        assertThat(range.fromUnixNano()).isEqualTo(now - Duration.ofMinutes(15).toNanos());
        assertThat(TimeRangeChoice.ANY_TIME.resolve(TestExecutors.CLOCK, "", "")).isEqualTo(TimeRange.all());
    }

    @Test
    void customBoundsAreReadInTheUsersZone() {
        TimeRange range = TimeRangeChoice.CUSTOM.resolve(TestExecutors.CLOCK, "2026-11-25 09:00", "2026-11-25 09:15:30");
        assertThat(range).isEqualTo(TimeRange.between(Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-25T09:15:30Z")));
        assertThat(TimeRangeChoice.CUSTOM.resolve(TestExecutors.CLOCK, "", "").toUnixNano()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void badCustomBoundsAreExplained() {
        assertThat(TimeRangeChoice.CUSTOM.problem(TestExecutors.CLOCK, "yesterday", ""))
                .isEqualTo("'yesterday' is not a valid 'from' time: write it as yyyy-MM-dd HH:mm[:ss], e.g. 2026-11-25 09:30");
        assertThatThrownBy(() -> TimeRangeChoice.CUSTOM.resolve(TestExecutors.CLOCK, "2026-11-25 10:00", "2026-11-25 09:00"))
                .hasMessage("The custom range ends before it starts");
        assertThat(TimeRangeChoice.LAST_HOUR.problem(TestExecutors.CLOCK, "nonsense", "")).isEmpty();
    }
}
