package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;

import java.util.Set;

/**
 * Which log records to show. Empty sets and strings, and a null trace or span id, mean "any";
 * {@code text} matches the body case-insensitively as a plain substring.
 */
public record LogFilter(Set<String> services, Severity minSeverity, String text, TraceId traceId, SpanId spanId) {
    public static final LogFilter ALL = new LogFilter(Set.of(), Severity.UNSPECIFIED, "", null, null);

    public LogFilter {
        services = services == null ? Set.of() : Set.copyOf(services);
        minSeverity = minSeverity == null ? Severity.UNSPECIFIED : minSeverity;
        text = text == null ? "" : text;
    }

    public static LogFilter forTrace(TraceId traceId) {
        return ALL.withTraceId(traceId);
    }

    public static LogFilter forSpan(TraceId traceId, SpanId spanId) {
        return ALL.withTraceId(traceId).withSpanId(spanId);
    }

    public LogFilter withServices(Set<String> value) {
        return new LogFilter(value, minSeverity, text, traceId, spanId);
    }

    public LogFilter withMinSeverity(Severity value) {
        return new LogFilter(services, value, text, traceId, spanId);
    }

    public LogFilter withText(String value) {
        return new LogFilter(services, minSeverity, value, traceId, spanId);
    }

    public LogFilter withTraceId(TraceId value) {
        return new LogFilter(services, minSeverity, text, value, spanId);
    }

    public LogFilter withSpanId(SpanId value) {
        return new LogFilter(services, minSeverity, text, traceId, value);
    }

    /** The same predicate every source applies, for records already in memory (e.g. a live tail). */
    public boolean matches(dev.otellab.telemetry.model.LogRecord log) {
        return (services.isEmpty() || services.contains(log.serviceName()))
                && log.severityNumber() >= minSeverity.lowestNumber()
                && (traceId == null || traceId.hex().equals(log.traceId()))
                && (spanId == null || spanId.hex().equals(log.spanId()))
                && (text.isEmpty() || containsIgnoreCase(log.body(), text));
    }

    private static boolean containsIgnoreCase(String haystack, String needle) {
        return haystack.toLowerCase(java.util.Locale.ROOT).contains(needle.toLowerCase(java.util.Locale.ROOT));
    }
}
