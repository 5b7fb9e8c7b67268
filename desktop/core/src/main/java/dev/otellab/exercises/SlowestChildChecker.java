package dev.otellab.exercises;

import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanNode;
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
 * "Which span is the slowest child of the slowest trace?": the expected name is that of the
 * longest direct child of the observed service's SERVER span (the trace's root when the request
 * came straight to it; below lab-web's spans when it came through lab-web), in the longest trace
 * of the scenario (among traces with a span named {@code spanName}, when given).
 */
public record SlowestChildChecker(String spanName) implements AnswerChecker {
    public static final String KIND = "span-name";
    static final int CHOICE_TRACES = 10;
    static final int NEWEST_TRACES = 40;

    public SlowestChildChecker {
        spanName = spanName == null ? "" : spanName.trim();
    }

    @Override
    public String prompt() {
        return "a span name, e.g. list_tasks";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        Optional<Trace> slowest = slowestTraces(telemetry, 1).stream().findFirst();
        if (slowest.isEmpty()) {
            return AnswerVerdict.notReady("No trace of the scenario has been recorded yet.");
        }
        Trace trace = slowest.get();
        SpanNode entry = trace.depthFirst().stream()
                .filter(node -> node.span().kind() == SpanKind.SERVER && node.span().serviceName().equals(telemetry.service()))
                .findFirst().orElse(trace.roots().get(0));
        List<SpanNode> children = entry.children();
        if (children.isEmpty()) {
            return AnswerVerdict.notReady("The slowest trace has only its root span so far: its children are still arriving.");
        }
        SpanNode longest = children.stream().max(Comparator.comparingLong(child -> child.span().durationNanos())).orElseThrow();
        String name = answer == null ? "" : answer.trim();
        if (name.isEmpty()) {
            return AnswerVerdict.wrong("Enter a span name.");
        }
        String where = "the slowest trace (" + trace.rootSpan().name() + ", " + millis(trace.durationNanos()) + ")";
        if (name.equalsIgnoreCase(longest.span().name())) {
            return AnswerVerdict.correct(longest.span().name() + " took " + millis(longest.span().durationNanos())
                    + " of " + where + ".");
        }
        Optional<SpanNode> named = children.stream().filter(child -> child.span().name().equalsIgnoreCase(name)).findFirst();
        if (named.isPresent()) {
            return AnswerVerdict.wrong(named.get().span().name() + " is a child of " + where + ", but took only "
                    + millis(named.get().span().durationNanos()) + ": another child took longer.");
        }
        boolean inTrace = trace.spans().stream().anyMatch(span -> span.name().equalsIgnoreCase(name));
        return AnswerVerdict.wrong(inTrace
                ? name + " is in " + where + ", but not a direct child of " + entry.span().name() + "."
                : "No span named " + name + " in " + where + ". Is that trace the slowest one?");
    }

    /** Span names of the slowest traces and of the newest ones, so the list does not give the answer away. */
    @Override
    public List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        Set<String> names = new LinkedHashSet<>();
        for (Trace trace : slowestTraces(telemetry, CHOICE_TRACES)) {
            trace.spans().forEach(span -> names.add(span.name()));
        }
        for (TraceSummary summary : telemetry.traces().search(TraceSearchCriteria.ANY.withService(telemetry.service()),
                telemetry.window(), NEWEST_TRACES)) {
            telemetry.traces().trace(summary.id()).ifPresent(trace -> trace.spans().forEach(span -> names.add(span.name())));
        }
        return names.stream().sorted().map(name -> new AnswerChoice(name, name)).toList();
    }

    private List<Trace> slowestTraces(ExerciseTelemetry telemetry, int count) {
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(telemetry.service()).withSpanName(spanName);
        return telemetry.traces().search(criteria, telemetry.window(), TraceIdChecker.TRACE_LIMIT).stream()
                .sorted(Comparator.comparingLong(TraceSummary::durationNanos).reversed())
                .limit(count)
                .map(summary -> telemetry.traces().trace(summary.id()))
                .flatMap(Optional::stream)
                .toList();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
}
