package dev.otellab.exercises;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "Find the trace of the failing request": the expected trace ids are those of the scenario's
 * failing traces ({@code errorsOnly}, default true) that also wrote an ERROR log record when
 * {@code errorLog} is set (the learner then goes from the log line to its trace).
 */
public record TraceIdChecker(Boolean errorsOnly, Boolean errorLog) implements AnswerChecker {
    public static final String KIND = "trace-id";
    static final int TRACE_LIMIT = 2_000;
    static final int LOG_LIMIT = 20_000;
    static final int CHOICES = 60;

    public TraceIdChecker {
        errorsOnly = errorsOnly == null || errorsOnly;
        errorLog = errorLog != null && errorLog;
    }

    @Override
    public String prompt() {
        return "a trace id (32 hexadecimal characters)";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        Set<String> expected = expectedTraceIds(telemetry);
        if (expected.isEmpty()) {
            return AnswerVerdict.notReady(errorLog
                    ? "No failing request with an ERROR log line has been recorded yet."
                    : "No failing request has been recorded yet.");
        }
        TraceId traceId;
        try {
            traceId = TraceId.parse(firstWord(answer));
        } catch (IllegalArgumentException e) {
            return AnswerVerdict.wrong(e.getMessage() + ".");
        }
        if (expected.contains(traceId.hex())) {
            return AnswerVerdict.correct("Trace " + traceId + " is " + (errorLog
                    ? "a failing request that logged an ERROR line." : "a failing request of the scenario."));
        }
        Optional<Trace> trace = telemetry.traces().trace(traceId);
        if (trace.isEmpty()) {
            return AnswerVerdict.wrong("No trace with the id " + traceId + " was recorded.");
        }
        Trace found = trace.get();
        String what = "Trace " + traceId + " (" + found.rootSpan().name() + ")";
        if (!telemetry.window().contains(found.startUnixNano())) {
            return AnswerVerdict.wrong(what + " is from before the scenario.");
        }
        if (found.errorCount() == 0) {
            return AnswerVerdict.wrong(what + " did not fail: none of its spans has an error status.");
        }
        return AnswerVerdict.wrong(what + " failed, but wrote no ERROR log line.");
    }

    @Override
    public List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        return telemetry.traces().search(TraceSearchCriteria.ANY.withService(telemetry.service()), telemetry.window(), CHOICES)
                .stream()
                .map(summary -> new AnswerChoice(summary.traceId(), summary.traceId() + "  " + summary.rootName()))
                .toList();
    }

    private Set<String> expectedTraceIds(ExerciseTelemetry telemetry) {
        Set<String> ids = new LinkedHashSet<>();
        telemetry.traces().search(TraceSearchCriteria.ANY.withService(telemetry.service()).withErrorsOnly(errorsOnly),
                telemetry.window(), TRACE_LIMIT).stream().map(TraceSummary::traceId).forEach(ids::add);
        if (errorLog) {
            Set<String> logged = new LinkedHashSet<>();
            for (LogRecord log : telemetry.logs().query(LogFilter.ALL.withServices(Set.of(telemetry.service()))
                    .withMinSeverity(Severity.ERROR), telemetry.window(), LOG_LIMIT, QueryDirection.OLDEST_FIRST)) {
                if (log.hasTrace()) {
                    logged.add(log.traceId());
                }
            }
            ids.retainAll(logged);
        }
        return ids;
    }

    static String firstWord(String answer) {
        String text = answer == null ? "" : answer.trim();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    }
}
