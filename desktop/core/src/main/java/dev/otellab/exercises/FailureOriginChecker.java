package dev.otellab.exercises;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "The web front answered 502: which service and span caused it?": in the newest failing trace
 * whose {@code front} SERVER span answered a 5xx, the expected answer is the span where the
 * failure began, written {@code service / span name}: the error span that recorded an exception,
 * the deepest one when several did (the ones above only passed the failure on).
 */
public record FailureOriginChecker(String front) implements AnswerChecker {
    public static final String KIND = "failure-origin";
    static final String SEPARATOR = " / ";
    private static final int CHOICE_TRACES = 10;

    public FailureOriginChecker {
        front = front == null || front.isBlank() ? "lab-web" : front.trim();
    }

    @Override
    public String prompt() {
        return "service / span, e.g. lab-web / GET /api/tasks";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        Optional<Trace> failing = failingTraces(telemetry, 1).stream().findFirst();
        if (failing.isEmpty()) {
            return AnswerVerdict.notReady("No request that " + front + " answered with a 5xx has been recorded yet.");
        }
        Optional<Span> origin = origin(failing.get());
        if (origin.isEmpty()) {
            return AnswerVerdict.notReady("The failing trace's spans are still arriving.");
        }
        String expected = label(origin.get());
        String given = answer == null ? "" : answer.trim();
        if (given.isEmpty()) {
            return AnswerVerdict.wrong("Enter the service and the span, as service / span name.");
        }
        if (normalize(given).equals(normalize(expected))) {
            return AnswerVerdict.correct(expected + " recorded the exception in trace " + failing.get().traceId()
                    + "; every span above it only passed the failure on, up to " + front + "'s answer.");
        }
        Optional<Span> named = failing.get().spans().stream().filter(span -> normalize(label(span)).equals(normalize(given)))
                .findFirst();
        if (named.isPresent() && named.get().isError()) {
            return AnswerVerdict.wrong(given + " failed too, but it only reports the failure of a span below it. Follow the"
                    + " red spans down to the one with the exception.");
        }
        return AnswerVerdict.wrong(named.isPresent() ? given + " did not fail in trace " + failing.get().traceId() + "."
                : "No span " + given + " in the newest failing trace (" + failing.get().traceId() + ").");
    }

    /** The spans of the failing traces (and their neighbours), so the list does not give the answer away. */
    @Override
    public List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        Set<String> labels = new LinkedHashSet<>();
        failingTraces(telemetry, CHOICE_TRACES).forEach(trace -> trace.spans().forEach(span -> labels.add(label(span))));
        return labels.stream().sorted().map(label -> new AnswerChoice(label, label)).toList();
    }

    /** Where the failure began: the deepest error span with an exception event, else the deepest error span. */
    static Optional<Span> origin(Trace trace) {
        Comparator<Span> byDepth = Comparator.comparingInt(span -> depth(trace, span));
        List<Span> errors = trace.spans().stream().filter(Span::isError).toList();
        Optional<Span> thrown = errors.stream()
                .filter(span -> span.events().stream().anyMatch(event -> event.name().equals("exception")))
                .max(byDepth);
        return thrown.isPresent() ? thrown : errors.stream().max(byDepth);
    }

    private static int depth(Trace trace, Span span) {
        int depth = 0;
        String parent = span.parentSpanId();
        while (parent != null && !parent.isEmpty() && depth < trace.spans().size()) {
            String id = parent;
            parent = trace.spans().stream().filter(candidate -> candidate.spanId().equals(id)).findFirst()
                    .map(Span::parentSpanId).orElse(null);
            depth++;
        }
        return depth;
    }

    private List<Trace> failingTraces(ExerciseTelemetry telemetry, int count) {
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(front).withErrorsOnly(true);
        return telemetry.traces().search(criteria, telemetry.window(), TraceIdChecker.TRACE_LIMIT).stream()
                .sorted(Comparator.comparingLong(TraceSummary::startUnixNano).reversed())
                .map(summary -> telemetry.traces().trace(summary.id()))
                .flatMap(Optional::stream)
                .filter(this::frontAnswered5xx)
                .limit(count)
                .toList();
    }

    private boolean frontAnswered5xx(Trace trace) {
        return trace.spans().stream().anyMatch(span -> span.kind() == SpanKind.SERVER && span.serviceName().equals(front)
                && span.attributes().get("http.response.status_code") instanceof Number status
                && status.intValue() >= 500);
    }

    static String label(Span span) {
        return span.serviceName() + SEPARATOR + span.name();
    }

    private static String normalize(String text) {
        return text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
