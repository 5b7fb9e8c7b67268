package dev.otellab.verify;

/**
 * What one look at the telemetry says about a check: passed, failed (final: more waiting would
 * not change it), or still waiting for telemetry to arrive. The detail is one line for the user.
 */
public record CheckVerdict(State state, String detail) {
    public enum State { PASS, FAIL, WAITING }

    public static CheckVerdict pass(String detail) {
        return new CheckVerdict(State.PASS, detail);
    }

    public static CheckVerdict fail(String detail) {
        return new CheckVerdict(State.FAIL, detail);
    }

    public static CheckVerdict waiting(String detail) {
        return new CheckVerdict(State.WAITING, detail);
    }

    public boolean settled() {
        return state != State.WAITING;
    }
}
