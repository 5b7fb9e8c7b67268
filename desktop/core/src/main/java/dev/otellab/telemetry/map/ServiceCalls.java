package dev.otellab.telemetry.map;

import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceCall;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edge rule of the service map, the same as Tempo's service-graphs processor (decision
 * 0023): a CLIENT or PRODUCER span of A whose child SERVER or CONSUMER span is of B is one call
 * A -> B (failed when either span is ERROR); a SERVER or CONSUMER span without a parent is a call
 * from the user; a CLIENT or PRODUCER span nobody answered is a call to the database or peer its
 * attributes name ({@link PeerNames}), if any. A SERVER span whose parent is missing or not a
 * CLIENT span makes no call.
 */
public final class ServiceCalls {
    /** The caller of root SERVER spans, named as Tempo names it. */
    public static final String USER = "user";

    private ServiceCalls() {
    }

    /** The calls in one trace's spans. */
    public static List<ServiceCall> of(List<CallSpan> spans) {
        Map<String, CallSpan> byId = new HashMap<>();
        for (CallSpan span : spans) {
            byId.putIfAbsent(span.spanId(), span);
        }
        List<ServiceCall> calls = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (CallSpan span : spans) {
            if (!span.serves()) {
                continue;
            }
            if (span.parentSpanId().isEmpty()) {
                calls.add(new ServiceCall(USER, NodeKind.USER, span.service(), kind(span), span.durationNanos(),
                        span.error(), span.spanId()));
                continue;
            }
            CallSpan parent = byId.get(span.parentSpanId());
            if (parent != null && parent.calls() && answered.add(parent.spanId())) {
                calls.add(new ServiceCall(parent.service(), kind(parent), span.service(), kind(span),
                        parent.durationNanos(), parent.error() || span.error(), parent.spanId()));
            }
        }
        for (CallSpan span : spans) {
            if (span.calls() && !answered.contains(span.spanId())) {
                Optional<PeerNames.Peer> peer = PeerNames.of(span.attribute());
                peer.ifPresent(called -> calls.add(new ServiceCall(span.service(), kind(span), called.name(),
                        called.kind(), span.durationNanos(), span.error(), span.spanId())));
            }
        }
        return calls;
    }

    /** The calls of a whole trace, in the order their first spans started. */
    public static List<ServiceCall> of(Trace trace) {
        List<CallSpan> spans = new ArrayList<>(trace.spans().size());
        Map<String, Integer> order = new HashMap<>();
        for (Span span : trace.spans()) {
            spans.add(CallSpan.of(span));
            order.putIfAbsent(span.spanId(), order.size());
        }
        List<ServiceCall> calls = new ArrayList<>(of(spans));
        calls.sort(java.util.Comparator.comparingInt(call -> order.getOrDefault(call.firstSpanId(), 0)));
        return calls;
    }

    private static NodeKind kind(CallSpan span) {
        return span.browser() ? NodeKind.BROWSER : NodeKind.SERVICE;
    }
}
