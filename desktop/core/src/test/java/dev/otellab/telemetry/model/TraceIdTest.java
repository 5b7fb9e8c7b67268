package dev.otellab.telemetry.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceIdTest {

    @Test
    void acceptsLowercaseHexOfTheRightLength() {
        assertThat(new TraceId("5b8efff798038103d269b633813fc60c").hex()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(new SpanId("d269b633813fc60c")).hasToString("d269b633813fc60c");
        assertThat(TraceId.isValid("5b8efff798038103d269b633813fc60c")).isTrue();
        assertThat(SpanId.isValid("d269b633813fc60c")).isTrue();
    }

    @Test
    void refusesWrongLengthNonHexAndAllZero() {
        assertThat(TraceId.isValid("5b8efff798038103")).isFalse();
        assertThat(TraceId.isValid("5b8efff798038103d269b633813fc60g")).isFalse();
        assertThat(TraceId.isValid("00000000000000000000000000000000")).isFalse();
        assertThat(SpanId.isValid(null)).isFalse();
        assertThat(SpanId.isValid("5b8efff798038103d269b633813fc60c")).isFalse();
        assertThatThrownBy(() -> new TraceId("5B8EFFF798038103D269B633813FC60C"))
                .as("the canonical constructor takes the domain's lowercase form only")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatUsersPasteWithAMessageForThem() {
        assertThat(TraceId.parse("  5B8EFFF798038103D269B633813FC60C\n"))
                .isEqualTo(new TraceId("5b8efff798038103d269b633813fc60c"));
        assertThat(SpanId.parse(" D269B633813FC60C ")).isEqualTo(new SpanId("d269b633813fc60c"));
        assertThatThrownBy(() -> TraceId.parse("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A trace id is 32 hexadecimal characters (0-9, a-f), not zero; got 'abc'");
        assertThatThrownBy(() -> SpanId.parse("xyz"))
                .hasMessage("A span id is 16 hexadecimal characters (0-9, a-f), not zero; got 'xyz'");
        assertThatThrownBy(() -> TraceId.parse(null)).hasMessageContaining("32 hexadecimal characters");
    }

    @Test
    void padsIdsThatBackendsWriteWithoutLeadingZeros() {
        assertThat(TraceId.withLeadingZeros("ABC")).isEqualTo(new TraceId("0".repeat(29) + "abc"));
        assertThat(TraceId.withLeadingZeros("d269b633813fc60c")).hasToString("0".repeat(16) + "d269b633813fc60c");
        assertThat(SpanId.withLeadingZeros("1")).hasToString("0000000000000001");
        assertThatThrownBy(() -> TraceId.withLeadingZeros("not hex")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsBetweenBytesAndHex() {
        TraceId trace = new TraceId("00ff10a0000000000000000000000001");
        assertThat(trace.bytes()).hasSize(TraceId.BYTES).startsWith(0x00, 0xff, 0x10, 0xa0);
        assertThat(TraceId.fromBytes(trace.bytes())).isEqualTo(trace);
        SpanId span = new SpanId("d269b633813fc60c");
        assertThat(SpanId.fromBytes(span.bytes())).isEqualTo(span);
        assertThatThrownBy(() -> SpanId.fromBytes(trace.bytes())).hasMessageContaining("8 bytes");
        assertThat(TelemetryIds.toHex(TelemetryIds.fromHex("00ff10a0"))).isEqualTo("00ff10a0");
    }
}
