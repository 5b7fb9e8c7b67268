package dev.otellab.training;

/** What a checker says of an answer, in a sentence for the learner. */
public record Verdict(Outcome outcome, String message) {

    public enum Outcome {
        CORRECT,
        WRONG,
        /** The telemetry cannot decide yet (the scenario still runs, or its data has not arrived). */
        NOT_READY
    }

    public static Verdict correct(String message) {
        return new Verdict(Outcome.CORRECT, message);
    }

    public static Verdict wrong(String message) {
        return new Verdict(Outcome.WRONG, message);
    }

    public static Verdict notReady(String message) {
        return new Verdict(Outcome.NOT_READY, message);
    }
}
