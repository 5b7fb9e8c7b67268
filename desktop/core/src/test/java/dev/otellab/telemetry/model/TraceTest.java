package dev.otellab.telemetry.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceTest {
    private static final String TRACE = "5b8efff798038103d269b633813fc60c";

    static Span span(String id, String parent, String name, long startMs, long endMs) {
        return span(id, parent, name, startMs, endMs, StatusCode.UNSET, "svc");
    }

    static Span span(String id, String parent, String name, long startMs, long endMs, StatusCode status, String service) {
        return new Span(TRACE, id, parent, name, SpanKind.INTERNAL, service,
                startMs * 1_000_000, endMs * 1_000_000, status, "", Map.of(), List.of(), List.of(),
                new Resource(Map.of("service.name", service)), InstrumentationScope.UNKNOWN);
    }

    @Test
    void arrangesSpansAsATreeInWaterfallOrder() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000003", "0000000000000001", "second child", 50, 90),
                span("0000000000000002", "0000000000000001", "first child", 10, 40),
                span("0000000000000004", "0000000000000002", "grandchild", 15, 30),
                span("0000000000000001", "", "root", 0, 100)));

        assertThat(trace.depthFirst()).extracting(node -> node.span().name())
                .containsExactly("root", "first child", "grandchild", "second child");
        assertThat(trace.depthFirst()).extracting(SpanNode::depth).containsExactly(0, 1, 2, 1);
        assertThat(trace.rootSpan().name()).isEqualTo("root");
        assertThat(trace.durationNanos()).isEqualTo(100_000_000L);
        assertThat(trace.roots()).hasSize(1);
        assertThat(trace.roots().get(0).orphan()).isFalse();
    }

    @Test
    void aSpanWhoseParentHasNotArrivedShowsAsAnOrphanRoot() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000002", "00000000000000ff", "late parent's child", 10, 20),
                span("0000000000000001", "", "root", 0, 100)));

        assertThat(trace.roots()).extracting(node -> node.span().name(), SpanNode::orphan)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("root", false),
                        org.assertj.core.groups.Tuple.tuple("late parent's child", true));
        assertThat(trace.depthFirst()).hasSize(2);
    }

    @Test
    void withoutATrueRootTheEarliestOrphanLeads() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000003", "00000000000000aa", "later", 30, 40),
                span("0000000000000002", "00000000000000aa", "earlier", 10, 20)));

        assertThat(trace.rootSpan().name()).isEqualTo("earlier");
    }

    @Test
    void parentCyclesDoNotLoseSpans() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000001", "0000000000000002", "a", 0, 10),
                span("0000000000000002", "0000000000000001", "b", 1, 9)));

        assertThat(trace.depthFirst()).extracting(node -> node.span().name()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void summaryCountsSpansErrorsAndServices() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000001", "", "GET /api/tasks", 0, 100, StatusCode.ERROR, "frontend"),
                span("0000000000000002", "0000000000000001", "SELECT tasks", 10, 20, StatusCode.UNSET, "backend"),
                span("0000000000000003", "0000000000000001", "charge", 30, 50, StatusCode.ERROR, "backend")));

        TraceSummary summary = trace.summary();

        assertThat(summary.spanCount()).isEqualTo(3);
        assertThat(summary.errorCount()).isEqualTo(2);
        assertThat(summary.rootService()).isEqualTo("frontend");
        assertThat(summary.rootName()).isEqualTo("GET /api/tasks");
        assertThat(summary.services()).containsExactlyInAnyOrder("frontend", "backend");
        assertThat(summary.hasErrors()).isTrue();
    }

    @Test
    void selfTimeSubtractsTheUnionOfChildren() {
        Trace trace = new Trace(TRACE, List.of(
                span("0000000000000001", "", "root", 0, 100),
                span("0000000000000002", "0000000000000001", "a", 10, 40),
                span("0000000000000003", "0000000000000001", "overlaps a", 30, 60),
                span("0000000000000004", "0000000000000001", "runs past the root", 90, 120)));

        SpanNode root = trace.roots().get(0);

        // children cover 10..60 and 90..100 inside the root: 60 ms of 100
        assertThat(root.selfTimeNanos()).isEqualTo(40_000_000L);
    }

    @Test
    void aVeryDeepTraceIsBuiltWithoutOverflowingTheStack() {
        List<Span> chain = new java.util.ArrayList<>();
        int depth = 20_000;
        for (int i = 1; i <= depth; i++) {
            String parent = i == 1 ? "" : String.format("%016x", i - 1);
            chain.add(span(String.format("%016x", i), parent, "level " + i, i, 2L * depth - i));
        }

        Trace trace = new Trace(TRACE, chain);

        assertThat(trace.depthFirst()).hasSize(depth);
        assertThat(trace.depthFirst().get(depth - 1).depth()).isEqualTo(depth - 1);
        assertThat(trace.depthFirst().get(depth - 1).span().name()).isEqualTo("level " + depth);
    }

    @Test
    void anEmptyTraceIsRefused() {
        assertThatThrownBy(() -> new Trace(TRACE, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
