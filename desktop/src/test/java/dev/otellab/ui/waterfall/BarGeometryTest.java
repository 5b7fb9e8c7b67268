package dev.otellab.ui.waterfall;

import org.junit.jupiter.api.Test;

import static dev.otellab.ui.waterfall.Spans.span;
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
}
