package dev.otellab.telemetry.embedded;

/**
 * A span_name_traces row being built: the traces with a span of one name in one write, as the
 * JSON array of their traces.id, and the earliest and the latest of their starts of that name
 * (decision 0059).
 */
final class SpanNameTraces {
    final String name;
    private final StringBuilder traceRefs = new StringBuilder("[");
    private long firstStart = Long.MAX_VALUE;
    private long lastStart = Long.MIN_VALUE;

    SpanNameTraces(String name) {
        this.name = name;
    }

    /** A trace holding the name, with the earliest start of its spans of that name. */
    void add(long traceRef, long start) {
        traceRefs.append(traceRefs.length() == 1 ? "" : ",").append(traceRef);
        firstStart = Math.min(firstStart, start);
        lastStart = Math.max(lastStart, start);
    }

    long firstStart() {
        return firstStart;
    }

    long lastStart() {
        return lastStart;
    }

    String traceRefs() {
        return traceRefs + "]";
    }
}
