package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.ui.common.TimeRangeChoice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A navigator for view and view model tests: it only remembers where it was asked to go. */
public final class RecordingNavigator implements Navigator {
    public final List<String> traces = new CopyOnWriteArrayList<>();
    public final List<LogFilter> logs = new CopyOnWriteArrayList<>();
    /** Spans asked for, as "traceId/spanId" (their trace ids are in {@link #traces} too). */
    public final List<String> spans = new CopyOnWriteArrayList<>();
    public final AtomicInteger labShown = new AtomicInteger();
    public final List<String> serviceSearches = new CopyOnWriteArrayList<>();
    /** SLI windows asked for, as "service from..to" in unix nanoseconds. */
    public final List<String> sliWindows = new CopyOnWriteArrayList<>();

    @Override
    public void showTrace(String traceId) {
        traces.add(traceId);
    }

    @Override
    public void showSpan(String traceId, String spanId) {
        spans.add(traceId + "/" + spanId);
        showTrace(traceId);
    }

    @Override
    public void showLogs(LogFilter filter) {
        logs.add(filter);
    }

    @Override
    public void showServiceTraces(String service, TimeRangeChoice range) {
        serviceSearches.add(service + " " + range.name());
    }

    @Override
    public void showSlis(String service, dev.otellab.telemetry.query.TimeRange window, java.time.Duration step) {
        sliWindows.add(service + " " + window.fromUnixNano() + ".." + window.toUnixNano() + " step " + step);
    }

    @Override
    public void showLab() {
        labShown.incrementAndGet();
    }
}
