package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.LogFilter;

/**
 * Moves between views: a trace id anywhere opens the waterfall, a span or trace opens its
 * logs. The shell implements it by finding the registered view that is a
 * {@link TraceDestination} or {@link LogDestination}.
 */
public interface Navigator {

    void showTrace(String traceId);

    void showLogs(LogFilter filter);

    /** Does nothing; for views shown on their own (tests, screenshots). */
    Navigator NONE = new Navigator() {
        @Override
        public void showTrace(String traceId) {
        }

        @Override
        public void showLogs(LogFilter filter) {
        }
    };
}
