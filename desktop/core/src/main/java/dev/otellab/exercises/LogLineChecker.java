package dev.otellab.exercises;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Find the log line of the failing request": the learner copies a part of that line (its
 * message or an attribute value). The answer is right when it is found in a record at
 * {@code minSeverity} or above (default ERROR) that belongs to a failing trace, and in no other
 * record of the scenario, so it really identifies that line.
 */
public record LogLineChecker(Severity minSeverity) implements AnswerChecker {
    public static final String KIND = "log-text";
    static final int SHORTEST_ANSWER = 4;

    public LogLineChecker {
        minSeverity = minSeverity == null ? Severity.ERROR : minSeverity;
    }

    @Override
    public String prompt() {
        return "text copied from the log line (its message or an attribute value)";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        Set<String> failingTraces = telemetry.traces()
                .search(TraceSearchCriteria.ANY.withService(telemetry.service()).withErrorsOnly(true), telemetry.window(),
                        TraceIdChecker.TRACE_LIMIT)
                .stream().map(TraceSummary::traceId).collect(Collectors.toSet());
        List<LogRecord> records = telemetry.logs().query(LogFilter.ALL.withServices(Set.of(telemetry.service())),
                telemetry.window(), TraceIdChecker.LOG_LIMIT, QueryDirection.OLDEST_FIRST);
        List<LogRecord> targets = records.stream().filter(record -> isTarget(record, failingTraces)).toList();
        if (targets.isEmpty()) {
            return AnswerVerdict.notReady("No " + minSeverity.name() + " log line of a failing request has been recorded yet.");
        }
        String text = answer == null ? "" : answer.trim();
        if (text.length() < SHORTEST_ANSWER) {
            return AnswerVerdict.wrong("Copy a distinctive part of the line: at least " + SHORTEST_ANSWER + " characters.");
        }
        String needle = text.toLowerCase(Locale.ROOT);
        long inTargets = targets.stream().filter(record -> contains(record, needle)).count();
        long elsewhere = records.stream().filter(record -> !isTarget(record, failingTraces) && contains(record, needle)).count();
        if (inTargets > 0 && elsewhere == 0) {
            LogRecord line = targets.stream().filter(record -> contains(record, needle)).findFirst().orElseThrow();
            return AnswerVerdict.correct("That is the " + line.severity().name() + " line \"" + line.body()
                    + "\" of the failing request (trace " + line.traceId() + ").");
        }
        if (inTargets > 0) {
            return AnswerVerdict.wrong("That text is in the failing request's line, but also in " + elsewhere
                    + " other line" + (elsewhere == 1 ? "" : "s") + ": copy a part that only that line has.");
        }
        if (elsewhere > 0) {
            return AnswerVerdict.wrong("That text is in " + elsewhere + " log line" + (elsewhere == 1 ? "" : "s")
                    + ", but not in the " + minSeverity.name() + " line of a failing request.");
        }
        return AnswerVerdict.wrong("No log line of the scenario contains \"" + text + "\".");
    }

    private boolean isTarget(LogRecord record, Set<String> failingTraces) {
        return record.severityNumber() >= minSeverity.lowestNumber() && failingTraces.contains(record.traceId());
    }

    private static boolean contains(LogRecord record, String needle) {
        if (record.body().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        for (Object value : record.attributes().values()) {
            if (Attributes.asText(value).toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
