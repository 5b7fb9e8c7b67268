package dev.otellab.presentation;

import dev.otellab.telemetry.embedded.TestTelemetry;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BarGeometryTest {
    private static final long MS = 1_000_000;

    @Test
    void offsetAndWidthAreFractionsOfTheTrace() {
        BarGeometry bar = BarGeometry.of(span("2", "1", "child", 25, 75), 0, 100 * MS);
        assertThat(bar.offset()).isCloseTo(0.25, within(1e-9));
        assertThat(bar.width()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void staysInsideTheTimelineForSkewedSpans() {
        BarGeometry early = BarGeometry.of(span("2", "1", "skewed", -10, 20), 0, 100 * MS);
        assertThat(early.offset()).isZero();
        BarGeometry late = BarGeometry.of(span("3", "1", "late", 90, 150), 0, 100 * MS);
        assertThat(late.offset() + late.width()).isLessThanOrEqualTo(1.0);
        assertThat(BarGeometry.of(span("4", "", "instant", 5, 5), 5 * MS, 0)).isEqualTo(new BarGeometry(0, 1));
    }

    @Test
    void drawsTheSameFractionsInCharacterCells() {
        assertThat(BarGeometry.of(span("1", "", "root", 0, 100), 0, 100 * MS).text(10)).isEqualTo("██████████");
        assertThat(BarGeometry.of(span("2", "1", "child", 25, 75), 0, 100 * MS).text(8)).isEqualTo("  ████  ");
        assertThat(new BarGeometry(0.999, 0.0001).text(10)).as("a span too short to see still gets one cell")
                .isEqualTo("         █");
    }

    private static Span span(String id, String parent, String name, long startMs, long endMs) {
        return TestTelemetry.span(TestTelemetry.traceId(1), TestTelemetry.spanId(Long.parseLong(id)),
                parent.isEmpty() ? "" : TestTelemetry.spanId(Long.parseLong(parent)), "lab-backend", name,
                SpanKind.INTERNAL, startMs * MS, endMs - startMs, StatusCode.UNSET, Map.of());
    }
}
