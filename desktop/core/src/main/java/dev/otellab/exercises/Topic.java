package dev.otellab.exercises;

/** What an exercise teaches to read. */
public enum Topic {
    TRACES("Traces"),
    LOGS("Logs"),
    SLIS("SLIs"),
    CORRELATION("Traces and logs");

    private final String displayName;

    Topic(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
