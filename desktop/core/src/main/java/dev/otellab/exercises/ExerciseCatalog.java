package dev.otellab.exercises;

import java.util.List;
import java.util.Optional;

/** The exercises that loaded (built-in first, then the trainer's) and the files that did not. */
public record ExerciseCatalog(List<Exercise> exercises, List<LoadProblem> problems) {
    public ExerciseCatalog {
        exercises = List.copyOf(exercises);
        problems = List.copyOf(problems);
    }

    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(exercise -> exercise.id().equals(id)).findFirst();
    }
}
