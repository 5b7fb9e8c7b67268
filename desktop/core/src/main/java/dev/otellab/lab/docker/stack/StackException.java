package dev.otellab.lab.docker.stack;

import java.util.List;

/**
 * The stack could not be brought up (or changed): the message says which service or image and
 * why; details carry extra lines for the user, such as a service's last log lines.
 */
public class StackException extends Exception {
    private final transient List<String> details;

    public StackException(String message) {
        this(message, List.of());
    }

    public StackException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }
}
