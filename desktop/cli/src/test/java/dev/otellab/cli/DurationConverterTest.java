package dev.otellab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    @Test
    void everyUnitParsesAsInTheWindow() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("800us")).isEqualTo(Duration.ofNanos(800_000));
        assertThat(DurationConverter.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse(" 2D ")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationConverter.parse("250")).as("a bare number is milliseconds").isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anythingElseIsRefusedWithExamples() {
        for (String bad : new String[] {"", "m", "-1s", "15 minutes", "1w"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad)
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("like 250ms, 1.5s, 15m or 2d");
        }
    }

    @Test
    void formatWritesTheLargestWholeUnit() {
        assertThat(DurationConverter.format(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(DurationConverter.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
