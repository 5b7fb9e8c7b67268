package dev.otellab.ui.shell;

/** A view that can open one trace. */
public interface TraceDestination extends ConsoleView {
    void openTrace(String traceId);

    /**
     * Opens a trace another view sent the user to, with {@code spanId} selected (empty: the
     * root); Back then returns to that view ({@code from}; null when the user was already here).
     */
    default void openTrace(String traceId, String spanId, ReturnTo from) {
        openTrace(traceId);
    }
}
