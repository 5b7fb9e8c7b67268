package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.LogFilter;

/** A view that can show the logs matching a filter. */
public interface LogDestination extends ConsoleView {
    void showLogs(LogFilter filter);
}
