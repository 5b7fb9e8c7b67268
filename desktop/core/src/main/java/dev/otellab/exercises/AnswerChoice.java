package dev.otellab.exercises;

/** A value the learner may pick instead of typing (a route, a trace id, a span name), with how to show it. */
public record AnswerChoice(String value, String label) {
}
