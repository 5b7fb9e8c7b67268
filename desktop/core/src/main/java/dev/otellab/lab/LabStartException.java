package dev.otellab.lab;

import java.util.List;

/** The lab could not start; the message says which part failed, why, and what to do. */
public class LabStartException extends Exception {
    private final transient List<String> details;

    public LabStartException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** Extra lines for the user, e.g. the last lines lab-backend printed before it exited. */
    public List<String> details() {
        return details;
    }
}
