package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace's own hops: a fan-out counts twice on one hop, the first call's span is the one to select. */
class TraceFlowTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static Span span(String id, String parent, String service, SpanKind kind, long startMillis,
                             StatusCode status, Map<String, Object> attributes) {
        return new Span(TRACE, id, parent, kind.name(), kind, service, startMillis * 1_000_000, (startMillis + 5) * 1_000_000,
                status, "", attributes, List.of(), List.of(), new Resource(Map.of("service.name", service)), null);
    }

    @Test
    void aFanOutIsOneHopOfTwoCallsAfterTheUsersCall() {
        Trace overview = new Trace(TRACE, List.of(
                span("0000000000000001", "", "lab-web", SpanKind.SERVER, 0, StatusCode.ERROR, Map.of()),
                span("0000000000000002", "0000000000000001", "lab-web", SpanKind.CLIENT, 1, StatusCode.UNSET, Map.of()),
                span("0000000000000003", "0000000000000001", "lab-web", SpanKind.CLIENT, 2, StatusCode.UNSET, Map.of()),
                span("0000000000000004", "0000000000000002", "lab-backend", SpanKind.SERVER, 3, StatusCode.UNSET, Map.of()),
                span("0000000000000005", "0000000000000003", "lab-backend", SpanKind.SERVER, 3, StatusCode.ERROR, Map.of()),
                span("0000000000000006", "0000000000000005", "lab-backend", SpanKind.CLIENT, 4, StatusCode.UNSET,
                        Map.of("db.system.name", "sqlite", "db.namespace", "tasks")),
                span("0000000000000007", "0000000000000001", "lab-web", SpanKind.INTERNAL, 4, StatusCode.UNSET, Map.of())));

        TraceFlow flow = TraceFlow.of(overview);

        assertThat(flow.hops()).containsExactly(
                new TraceFlow.Hop("user", NodeKind.USER, "lab-web", NodeKind.SERVICE, 1, 1, "0000000000000001"),
                new TraceFlow.Hop("lab-web", NodeKind.SERVICE, "lab-backend", NodeKind.SERVICE, 2, 1, "0000000000000002"),
                new TraceFlow.Hop("lab-backend", NodeKind.SERVICE, "tasks", NodeKind.DATABASE, 1, 0, "0000000000000006"));
        assertThat(flow.nodes()).containsExactly("user", "lab-web", "lab-backend", "tasks");
    }

    @Test
    void aTraceOfOneServiceWithoutCallsHasNoHops() {
        Trace alone = new Trace(TRACE, List.of(
                span("0000000000000001", "", "batch", SpanKind.INTERNAL, 0, StatusCode.UNSET, Map.of()),
                span("0000000000000002", "0000000000000001", "batch", SpanKind.CLIENT, 1, StatusCode.UNSET, Map.of())));

        assertThat(TraceFlow.of(alone).hops()).isEmpty();
    }
}
