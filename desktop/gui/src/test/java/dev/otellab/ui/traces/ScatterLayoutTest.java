package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScatterLayoutTest {
    private static TraceSummary trace(String id, long startMs, long durationMs) {
        return new TraceSummary(id, "lab-backend", "GET /api/tasks", startMs * 1_000_000, durationMs * 1_000_000, 3, 0, Set.of("lab-backend"));
    }

    @Test
    void placesDotsByStartTimeAndDurationInsideTheMargins() {
        TraceSummary first = trace("a", 1_000, 100);
        TraceSummary last = trace("b", 2_000, 10);
        ScatterLayout layout = ScatterLayout.of(List.of(first, last), 480, 200);

        ScatterLayout.Dot a = layout.dots().get(0);
        ScatterLayout.Dot b = layout.dots().get(1);
        assertThat(a.x()).isEqualTo(ScatterLayout.LEFT);
        assertThat(b.x()).isEqualTo(480 - ScatterLayout.RIGHT);
        assertThat(a.y()).as("the longest trace is highest, below a 10% head room").isLessThan(b.y());
        assertThat(a.y()).isGreaterThan(ScatterLayout.TOP);
        assertThat(b.y()).isLessThan(200 - ScatterLayout.BOTTOM);
    }

    @Test
    void aClickNearADotFindsItsTrace() {
        TraceSummary only = trace("c", 5_000, 50);
        ScatterLayout layout = ScatterLayout.of(List.of(only), 400, 200);
        ScatterLayout.Dot dot = layout.dots().get(0);
        assertThat(dot.x()).as("a single trace sits in the middle").isEqualTo(ScatterLayout.LEFT + (400 - ScatterLayout.LEFT - ScatterLayout.RIGHT) / 2);
        assertThat(layout.hit(dot.x() + 3, dot.y() - 3)).contains(only);
        assertThat(layout.hit(dot.x() + 30, dot.y())).isEmpty();
        assertThat(ScatterLayout.of(List.of(), 400, 200).hit(10, 10)).isEmpty();
    }
}
