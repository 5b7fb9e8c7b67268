package dev.otellab.lab.embedded;

import java.util.List;

/** lab-backend did not come up; the message says why and what to do, the last output lines help. */
public class LabBackendStartException extends Exception {
    private final transient List<String> lastOutput;

    public LabBackendStartException(String message, List<String> lastOutput) {
        super(message);
        this.lastOutput = List.copyOf(lastOutput);
    }

    public List<String> lastOutput() {
        return lastOutput;
    }
}
