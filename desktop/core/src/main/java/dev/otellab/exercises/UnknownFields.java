package dev.otellab.exercises;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a misspelt field in an exercise file before it is bound. Binding would report it only
 * after the record's own checks ran, so a typo such as "requestsPerSecnd" would read as a missing
 * rate; naming the unknown field says what to fix.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    static Optional<String> find(JsonNode exercise) {
        return check(exercise, Exercise.class, "", Set.of())
                .or(() -> check(exercise.path("scenario"), Scenario.class, "scenario", Set.of()))
                .or(() -> check(exercise.path("scenario").path("burst"), Scenario.Burst.class, "scenario.burst", Set.of()))
                .or(() -> answerType(exercise.path("answer").path("kind").asText())
                        .flatMap(type -> check(exercise.path("answer"), type, "answer", Set.of("kind"))));
    }

    private static Optional<String> check(JsonNode node, Class<? extends Record> type, String path, Set<String> extra) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        Set<String> known = new TreeSet<>(extra);
        for (RecordComponent component : type.getRecordComponents()) {
            if (!component.isAnnotationPresent(JsonIgnore.class)) {
                known.add(component.getName());
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return Optional.of((path.isEmpty() ? "" : path + ": ") + "unknown field '" + name + "' (known here: "
                        + String.join(", ", known) + ")");
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Class<? extends Record>> answerType(String kind) {
        return Arrays.stream(AnswerChecker.class.getAnnotation(JsonSubTypes.class).value())
                .filter(type -> type.name().equals(kind))
                .<Class<? extends Record>>map(type -> (Class<? extends Record>) type.value())
                .findFirst();
    }
}
