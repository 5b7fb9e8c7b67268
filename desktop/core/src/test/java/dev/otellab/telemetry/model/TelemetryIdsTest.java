package dev.otellab.telemetry.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryIdsTest {

    @Test
    void acceptsLowercaseHexOfTheRightLength() {
        assertThat(TelemetryIds.isValidTraceId("5b8efff798038103d269b633813fc60c")).isTrue();
        assertThat(TelemetryIds.isValidSpanId("d269b633813fc60c")).isTrue();
    }

    @Test
    void refusesWrongLengthNonHexAndAllZero() {
        assertThat(TelemetryIds.isValidTraceId("5b8efff798038103")).isFalse();
        assertThat(TelemetryIds.isValidTraceId("5b8efff798038103d269b633813fc60g")).isFalse();
        assertThat(TelemetryIds.isValidTraceId("00000000000000000000000000000000")).isFalse();
        assertThat(TelemetryIds.isValidSpanId(null)).isFalse();
    }

    @Test
    void normalizesWhatUsersPaste() {
        assertThat(TelemetryIds.normalizeTraceId("  5B8EFFF798038103D269B633813FC60C\n"))
                .isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThatThrownBy(() -> TelemetryIds.normalizeTraceId("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hexadecimal characters")
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> TelemetryIds.normalizeSpanId("xyz"))
                .hasMessageContaining("16 hexadecimal characters");
    }

    @Test
    void convertsBetweenBytesAndHex() {
        byte[] bytes = TelemetryIds.fromHex("00ff10a0");
        assertThat(bytes).containsExactly(0x00, 0xff, 0x10, 0xa0);
        assertThat(TelemetryIds.toHex(bytes)).isEqualTo("00ff10a0");
    }
}
