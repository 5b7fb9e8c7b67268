package dev.otellab.exercises;

/** What a checker says of an answer, in a sentence for the learner. */
public record AnswerVerdict(Outcome outcome, String message) {

    public enum Outcome {
        CORRECT,
        WRONG,
        /** The telemetry cannot decide yet (the scenario still runs, or its data has not arrived). */
        NOT_READY
    }

    public static AnswerVerdict correct(String message) {
        return new AnswerVerdict(Outcome.CORRECT, message);
    }

    public static AnswerVerdict wrong(String message) {
        return new AnswerVerdict(Outcome.WRONG, message);
    }

    public static AnswerVerdict notReady(String message) {
        return new AnswerVerdict(Outcome.NOT_READY, message);
    }
}
