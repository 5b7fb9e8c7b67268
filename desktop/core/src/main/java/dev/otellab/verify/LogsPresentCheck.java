package dev.otellab.verify;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;

import java.util.List;
import java.util.Set;

/**
 * The service's log records arrived, labelled with its service name (seed 001: logs present with
 * service_name), and they carry trace ids: the link from a trace to its logs works.
 */
final class LogsPresentCheck {
    static final String NAME = "logs present";
    private static final int LIMIT = 1000;

    private final LogSource logs;
    private final String service;
    private final TimeRange range;

    LogsPresentCheck(LogSource logs, String service, TimeRange range) {
        this.logs = logs;
        this.service = service;
        this.range = range;
    }

    CheckVerdict probe() {
        List<LogRecord> found = logs.query(LogFilter.ALL.withServices(Set.of(service)), range, LIMIT,
                QueryDirection.NEWEST_FIRST);
        long withTrace = found.stream().filter(LogRecord::hasTrace).count();
        if (withTrace == 0) {
            return CheckVerdict.waiting(found.isEmpty() ? "no log records with service_name " + service + " yet"
                    : found.size() + " log records with service_name " + service + ", none with a trace id yet");
        }
        String count = found.size() == LIMIT ? "at least " + LIMIT : Integer.toString(found.size());
        return CheckVerdict.pass(count + " log records with service_name " + service + ", " + withTrace + " with trace ids");
    }
}
