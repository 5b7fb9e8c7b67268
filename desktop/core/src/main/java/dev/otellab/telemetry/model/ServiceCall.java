package dev.otellab.telemetry.model;

/**
 * One call between two nodes, as found in a trace: a CLIENT or PRODUCER span of {@code client}
 * answered by a SERVER or CONSUMER span of {@code server}, a root SERVER span (called by the user),
 * or a CLIENT span without an instrumented answer (to a database or peer). {@code latencyNanos}
 * is the caller's span (the server's when the caller is the user); {@code firstSpanId} is the
 * hop's first span in the trace (the caller's span when there is one).
 */
public record ServiceCall(String client, NodeKind clientKind, String server, NodeKind serverKind, long latencyNanos,
                          boolean failed, String firstSpanId) {
}
