package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.TimeRangeChoice;

/**
 * Moves between views: a trace id anywhere opens the waterfall, a span or trace opens its
 * logs, a view that needs the running lab sends the user to it. The shell implements it by
 * finding the registered view that is a {@link TraceDestination}, {@link LogDestination} or
 * {@link LabDestination}.
 */
public interface Navigator {

    void showTrace(String traceId);

    /** The trace's waterfall with one of its spans selected (e.g. the span a log record was written in). */
    default void showSpan(String traceId, String spanId) {
        showTrace(traceId);
    }

    void showLogs(LogFilter filter);

    /** The Lab view, where the lab starts and stops. */
    void showLab();

    /** The trace search, listing {@code service}'s traces of {@code range}; ignored by views shown on their own. */
    default void showServiceTraces(String service, TimeRangeChoice range) {
    }

    /**
     * The SLIs view over {@code service}'s SLIs in {@code window} (an exercise's scenario), one
     * point per {@code step} (null: automatic); ignored by views shown on their own.
     */
    default void showSlis(String service, TimeRange window, java.time.Duration step) {
    }

    /** Does nothing; for views shown on their own (tests, screenshots). */
    Navigator NONE = new Navigator() {
        @Override
        public void showTrace(String traceId) {
        }

        @Override
        public void showLogs(LogFilter filter) {
        }

        @Override
        public void showLab() {
        }
    };
}
