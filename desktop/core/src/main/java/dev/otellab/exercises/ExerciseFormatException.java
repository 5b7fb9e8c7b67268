package dev.otellab.exercises;

/** An exercise file that cannot be used; the message says where and why, for the trainer. */
public class ExerciseFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExerciseFormatException(String message) {
        super(message);
    }
}
