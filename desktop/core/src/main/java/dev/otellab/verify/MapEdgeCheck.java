package dev.otellab.verify;

import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.TimeRange;

import java.util.Optional;

/**
 * The service map shows the hop the requests crossed: a call from the web front (lab-web) to the
 * backend (lab-backend) over the traffic's window. The embedded store counts every call, so there
 * it must count at least the forwarded requests; Tempo's service-graph series are rates read back
 * from Prometheus, so there one call is enough to show the edge exists.
 */
final class MapEdgeCheck {
    static final String NAME = "the map shows the lab-web -> lab-backend call";

    private final ServiceMapSource maps;
    private final String front;
    private final String backend;
    private final TimeRange window;
    private final long forwarded;
    private final boolean frontRuns;
    private final boolean exactCounts;

    MapEdgeCheck(ServiceMapSource maps, String front, String backend, TimeRange window, long forwarded,
                 boolean frontRuns, boolean exactCounts) {
        this.maps = maps;
        this.front = front;
        this.backend = backend;
        this.window = window;
        this.forwarded = forwarded;
        this.frontRuns = frontRuns;
        this.exactCounts = exactCounts;
    }

    CheckVerdict probe() {
        if (!frontRuns) {
            return CheckVerdict.pass("this lab runs no " + front + ": the map has no call from it to show");
        }
        if (forwarded == 0) {
            return CheckVerdict.pass("no request went through " + front + ": nothing to look for");
        }
        Optional<MapEdge> edge = maps.map(window).edge(front, backend);
        if (edge.isEmpty()) {
            return CheckVerdict.waiting("the map has no " + front + " -> " + backend + " call yet");
        }
        long calls = edge.get().requests();
        long wanted = exactCounts ? forwarded : 1;
        if (calls < wanted) {
            return CheckVerdict.waiting("the map's " + front + " -> " + backend + " call counts " + calls + " of "
                    + forwarded + " forwarded requests");
        }
        return CheckVerdict.pass("the map shows " + front + " -> " + backend + " with " + calls + " calls ("
                + forwarded + " requests forwarded)");
    }
}
