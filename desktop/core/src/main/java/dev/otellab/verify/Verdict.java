package dev.otellab.verify;

/**
 * What one look at the telemetry says about a check: passed, failed (final: more waiting would
 * not change it), or still waiting for telemetry to arrive. The detail is one line for the user.
 */
public record Verdict(State state, String detail) {
    public enum State { PASS, FAIL, WAITING }

    public static Verdict pass(String detail) {
        return new Verdict(State.PASS, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(State.FAIL, detail);
    }

    public static Verdict waiting(String detail) {
        return new Verdict(State.WAITING, detail);
    }

    public boolean settled() {
        return state != State.WAITING;
    }
}
