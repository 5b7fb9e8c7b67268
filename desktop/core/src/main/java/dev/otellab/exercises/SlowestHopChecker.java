package dev.otellab.exercises;

import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Which hop adds the latency?": in the slowest trace of the scenario (among traces with a span
 * named {@code spanName}, when given), the service whose own spans account for the most time:
 * each span counts its duration less that of its children, so a CLIENT span waiting for the next
 * service adds nothing of its own.
 */
public record SlowestHopChecker(String spanName) implements AnswerChecker {
    public static final String KIND = "service";

    public SlowestHopChecker {
        spanName = spanName == null ? "" : spanName.trim();
    }

    @Override
    public String prompt() {
        return "a service, e.g. lab-web";
    }

    @Override
    public AnswerVerdict check(String answer, ExerciseTelemetry telemetry) {
        Optional<Trace> slowest = slowest(telemetry);
        if (slowest.isEmpty()) {
            return AnswerVerdict.notReady("No trace of the scenario has been recorded yet.");
        }
        Map<String, Long> ownTime = ownTimeByService(slowest.get());
        if (ownTime.size() < 2) {
            return AnswerVerdict.notReady("The slowest trace shows one service so far: the other's spans are still arriving.");
        }
        Map.Entry<String, Long> most = ownTime.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        String given = answer == null ? "" : answer.trim();
        if (given.isEmpty()) {
            return AnswerVerdict.wrong("Enter a service name.");
        }
        String where = "the slowest trace (" + slowest.get().rootSpan().name() + ", "
                + millis(slowest.get().durationNanos()) + ")";
        if (given.equalsIgnoreCase(most.getKey())) {
            return AnswerVerdict.correct(most.getKey() + " spent " + millis(most.getValue()) + " of " + where
                    + " in its own spans; " + others(ownTime, most.getKey()) + ".");
        }
        Long theirs = ownTime.get(given);
        return AnswerVerdict.wrong(theirs == null ? "No service named " + given + " in " + where + "."
                : given + " spent only " + millis(theirs) + " of " + where + " in its own spans: its CLIENT span"
                        + " mostly waits for the next service.");
    }

    /** The services of the scenario's slowest traces. */
    @Override
    public List<AnswerChoice> choices(ExerciseTelemetry telemetry) {
        TreeSet<String> services = new TreeSet<>();
        slowest(telemetry).ifPresent(trace -> trace.spans().forEach(span -> services.add(span.serviceName())));
        return services.stream().map(service -> new AnswerChoice(service, service)).toList();
    }

    /** Per service, the time its spans spent not waiting for their children. */
    static Map<String, Long> ownTimeByService(Trace trace) {
        Map<String, Long> own = new LinkedHashMap<>();
        for (Span span : trace.spans()) {
            long children = trace.spans().stream().filter(child -> span.spanId().equals(child.parentSpanId()))
                    .mapToLong(Span::durationNanos).sum();
            own.merge(span.serviceName(), Math.max(0, span.durationNanos() - children), Long::sum);
        }
        return own;
    }

    private Optional<Trace> slowest(ExerciseTelemetry telemetry) {
        TraceSearchCriteria criteria = TraceSearchCriteria.ANY.withService(telemetry.service()).withSpanName(spanName);
        return telemetry.traces().search(criteria, telemetry.window(), TraceIdChecker.TRACE_LIMIT).stream()
                .max(Comparator.comparingLong(TraceSummary::durationNanos))
                .flatMap(summary -> telemetry.traces().trace(summary.id()));
    }

    private static String others(Map<String, Long> ownTime, String most) {
        return ownTime.entrySet().stream().filter(entry -> !entry.getKey().equals(most))
                .map(entry -> entry.getKey() + " " + millis(entry.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
}
