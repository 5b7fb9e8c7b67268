package dev.otellab.lab.embedded;

import java.util.List;

/** A lab service did not come up; the message says why and what to do, the last output lines help. */
public class LabServiceStartException extends Exception {
    private final transient List<String> lastOutput;

    public LabServiceStartException(String message, List<String> lastOutput) {
        super(message);
        this.lastOutput = List.copyOf(lastOutput);
    }

    public List<String> lastOutput() {
        return lastOutput;
    }
}
