package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.TimeRange;

/** A view that charts a service's SLIs over a given window (an exercise's scenario). */
public interface SliDestination extends ConsoleView {
    /** {@code step}: one point per step; null for the automatic step. */
    void showWindow(String service, TimeRange window, java.time.Duration step);
}
