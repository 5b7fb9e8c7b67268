package dev.otellab.ui.shell;

/** A view that can open one trace. */
public interface TraceDestination extends ConsoleView {
    void openTrace(String traceId);
}
