package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceCall;
import dev.otellab.telemetry.model.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's own hops between services, by the service map's rule ({@link ServiceCalls}): one per
 * caller and callee, in the order of their first call, with how many calls and failures, and
 * the span that starts the first call (the one a click selects).
 */
public record TraceFlow(List<Hop> hops) {

    /** Calls from one node to another within the trace. */
    public record Hop(String client, NodeKind clientKind, String server, NodeKind serverKind, int calls, int failed,
                      String firstSpanId) {
    }

    public static TraceFlow of(Trace trace) {
        Map<List<String>, Hop> hops = new LinkedHashMap<>();
        for (ServiceCall call : ServiceCalls.of(trace)) {
            hops.merge(List.of(call.client(), call.server()),
                    new Hop(call.client(), call.clientKind(), call.server(), call.serverKind(), 1, call.failed() ? 1 : 0,
                            call.firstSpanId()),
                    (was, is) -> new Hop(was.client(), was.clientKind(), was.server(), was.serverKind(),
                            was.calls() + 1, was.failed() + is.failed(), was.firstSpanId()));
        }
        return new TraceFlow(List.copyOf(new ArrayList<>(hops.values())));
    }

    /** The services and other nodes the trace touches, in the order the hops reach them. */
    public List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        for (Hop hop : hops) {
            if (!nodes.contains(hop.client())) {
                nodes.add(hop.client());
            }
            if (!nodes.contains(hop.server())) {
                nodes.add(hop.server());
            }
        }
        return nodes;
    }
}
