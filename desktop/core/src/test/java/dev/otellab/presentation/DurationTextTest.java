package dev.otellab.presentation;

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
                .hasMessage("'fast' is not a duration. Use a number with a unit, like 250ms, 1.5s, 15m or 2d");
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

    @Test
    void daysAndARequiredDurationForTheCommandLine() {
        assertThat(DurationText.parseRequired(" 2D ")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationText.parseRequired("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> DurationText.parseRequired(" ")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationText.parseRequired("1w")).hasMessageContaining("is not a duration");
    }

    @Test
    void spellsInTheLargestWholeUnitSoThatItReadsBack() {
        assertThat(DurationText.spell(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(DurationText.spell(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.spell(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationText.spell(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.spell(Duration.ofNanos(2500))).isEqualTo("2500ns");
        for (Duration duration : new Duration[] {Duration.ofSeconds(20), Duration.ofNanos(42_000), Duration.ofDays(3)}) {
            assertThat(DurationText.parse(DurationText.spell(duration))).isEqualTo(duration);
        }
    }
}
