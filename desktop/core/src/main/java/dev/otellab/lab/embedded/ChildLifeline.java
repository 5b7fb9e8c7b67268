package dev.otellab.lab.embedded;

/**
 * Tells a lab child process which console started it, so the child ends itself when this
 * process is gone, even after a kill -9 (lab-backend's ParentWatch reads the variable).
 */
final class ChildLifeline {
    /** Read by the lab's children (lab-backend's {@code ParentWatch.PARENT_PID_VARIABLE}). */
    static final String PARENT_PID_VARIABLE = "OTEL_LAB_PARENT_PID";

    private ChildLifeline() {
    }

    static void tie(ProcessBuilder child) {
        child.environment().put(PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
    }
}
