package dev.otellab.exercises;

/** An exercise file that could not be used: which file, and why, in words a trainer can act on. */
public record LoadProblem(String source, String reason) {
    @Override
    public String toString() {
        return source + ": " + reason;
    }
}
