package dev.otellab.ui.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsTheUnitsPeopleType() {
        assertThat(DurationText.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(DurationText.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("800us")).isEqualTo(Duration.ofNanos(800_000));
        assertThat(DurationText.parse("800µs")).isEqualTo(Duration.ofNanos(800_000));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("250 MS")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aBareNumberIsMillisecondsAndEmptyMeansNoBound() {
        assertThat(DurationText.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("")).isNull();
        assertThat(DurationText.parse("   ")).isNull();
        assertThat(DurationText.problem("")).isEmpty();
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> DurationText.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'fast' is not a duration. Use a number with a unit, like 250ms, 1.5s or 2m");
        assertThat(DurationText.problem("10 parsecs")).contains("not a duration");
        assertThat(DurationText.problem("-5ms")).contains("not a duration");
        assertThat(DurationText.problem("99999999999999h")).contains("too long");
    }

    @Test
    void formatsShortReadings() {
        assertThat(DurationText.format(850)).isEqualTo("850 ns");
        assertThat(DurationText.format(850_000)).isEqualTo("850 µs");
        assertThat(DurationText.format(12_345_678)).isEqualTo("12.3 ms");
        assertThat(DurationText.format(1_250_000_000)).isEqualTo("1.25 s");
        assertThat(DurationText.format(2_000_000)).isEqualTo("2 ms");
        assertThat(DurationText.format(125_000_000_000L)).isEqualTo("2 m 5 s");
    }
}
