package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.otellab.ui.waterfall.Spans.id;
import static dev.otellab.ui.waterfall.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

class CriticalPathTest {

    @Test
    void followsTheChildThatEndsLastThenWhatRanBeforeIt() {
        // root 0-100: b 10-40 with a 15-30 (and a1 18-25) inside b's time, c 50-95 (with c1 55-60, c2 60-90)
        Trace trace = new Trace(Spans.TRACE, List.of(
                span("1", "", "root", 0, 100),
                span("2", "1", "a", 15, 30),
                span("3", "2", "a1", 18, 25),
                span("4", "1", "b", 10, 40),
                span("5", "1", "c", 50, 95),
                span("6", "5", "c1", 55, 60),
                span("7", "5", "c2", 60, 90)));

        assertThat(CriticalPath.of(trace)).containsExactlyInAnyOrder(id(1), id(5), id(7), id(6), id(4));
    }

    @Test
    void childrenOneAfterAnotherAreAllOnThePath() {
        Trace trace = new Trace(Spans.TRACE, List.of(
                span("1", "", "root", 0, 100),
                span("2", "1", "first", 0, 30),
                span("3", "2", "first's child", 5, 10),
                span("4", "1", "second", 40, 90)));
        // first's child ends before first does, but nothing else ran in first after it: it is on the path too.
        assertThat(CriticalPath.of(trace)).containsExactlyInAnyOrder(id(1), id(2), id(3), id(4));
    }

    @Test
    void aChildEndingAfterItsParentCountsAsEndingWithIt() {
        Trace trace = new Trace(Spans.TRACE, List.of(
                span("1", "", "root", 0, 100),
                span("2", "1", "async tail", 60, 150),
                span("3", "1", "work", 10, 55)));

        assertThat(CriticalPath.of(trace)).containsExactlyInAnyOrder(id(1), id(2), id(3));
    }

    @Test
    void aLeafRootIsItsOwnPathAndOrphansAreNotOnIt() {
        Trace trace = new Trace(Spans.TRACE, List.of(
                span("1", "", "root", 0, 100),
                span("2", "99", "orphan", 10, 20)));
        assertThat(CriticalPath.of(trace)).containsExactly(id(1));
    }

    @Test
    void aDeepChainDoesNotOverflowTheStack() {
        List<dev.otellab.telemetry.model.Span> chain = new java.util.ArrayList<>();
        chain.add(span("1", "", "root", 0, 100_000));
        for (int i = 2; i <= 1_000; i++) {
            chain.add(span(Integer.toString(i), Integer.toString(i - 1), "level " + i, i, 100_000 - i));
        }
        // Trace itself recurses once per level (about 3,000 levels overflow its stack): stay below that.
        Trace trace = new Trace(Spans.TRACE, chain);
        assertThat(CriticalPath.of(trace)).hasSize(1_000);
    }
}
