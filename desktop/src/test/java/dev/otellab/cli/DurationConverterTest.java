package dev.otellab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    @Test
    void everyUnitParses() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse(" 2D ")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void anythingElseIsRefusedWithExamples() {
        for (String bad : new String[] {"", "15", "m", "1.5h", "-1s", "15 minutes", "1w"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("e.g. 500ms, 30s, 15m, 1h, 2d");
        }
    }

    @Test
    void formatWritesTheLargestWholeUnit() {
        assertThat(DurationConverter.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(DurationConverter.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationConverter.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
