package dev.otellab.exercises;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One lab exercise: the traffic it sends ({@code scenario}), what it asks ({@code question}),
 * how the answer is checked against the recorded telemetry ({@code answer}), and hints given one
 * at a time. {@code source} says where it came from ("built-in" or a file), for the trainer.
 */
public record Exercise(
        String id,
        String title,
        Topic topic,
        String description,
        Scenario scenario,
        String question,
        AnswerChecker answer,
        List<String> hints,
        @JsonIgnore String source) {

    public static final String BUILT_IN = "built-in";

    public Exercise {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("An exercise needs an id of lowercase letters, digits and dashes, e.g. "
                    + "id: failing-route" + (id == null ? "" : "; got '" + id + "'"));
        }
        require(title, "a title");
        if (topic == null) {
            throw new IllegalArgumentException("An exercise needs a topic: traces, logs, slis or correlation");
        }
        description = description == null ? "" : paragraphs(description);
        if (scenario == null) {
            throw new IllegalArgumentException("An exercise needs a scenario (the traffic it sends), e.g. scenario: {duration: 30s, requestsPerSecond: 8}");
        }
        require(question, "a question");
        if (answer == null) {
            throw new IllegalArgumentException("An exercise needs an answer block with a kind: " + String.join(", ", AnswerChecker.KINDS));
        }
        hints = hints == null ? List.of() : hints.stream().map(String::strip).filter(hint -> !hint.isEmpty()).toList();
        source = source == null ? BUILT_IN : source;
    }

    /** The same exercise, marked as coming from {@code value}. */
    public Exercise withSource(String value) {
        return new Exercise(id, title, topic, description, scenario, question, answer, hints, value);
    }

    /** A YAML block keeps the file's line breaks: lines are joined, blank lines stay paragraph breaks. */
    private static String paragraphs(String text) {
        return java.util.Arrays.stream(text.strip().split("\\R\\s*\\R"))
                .map(paragraph -> paragraph.strip().replaceAll("\\s*\\R\\s*", " "))
                .collect(java.util.stream.Collectors.joining("\n\n"));
    }

    private static void require(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An exercise needs " + what);
        }
    }
}
