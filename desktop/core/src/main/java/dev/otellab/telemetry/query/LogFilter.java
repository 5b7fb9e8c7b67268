package dev.otellab.telemetry.query;

import dev.otellab.telemetry.model.Severity;

import java.util.Set;

/**
 * Which log records to show. Empty sets and strings mean "any"; {@code text} matches the body
 * case-insensitively as a plain substring.
 */
public record LogFilter(Set<String> services, Severity minSeverity, String text, String traceId, String spanId) {
    public static final LogFilter ALL = new LogFilter(Set.of(), Severity.UNSPECIFIED, "", "", "");

    public LogFilter {
        services = services == null ? Set.of() : Set.copyOf(services);
        minSeverity = minSeverity == null ? Severity.UNSPECIFIED : minSeverity;
        text = text == null ? "" : text;
        traceId = traceId == null ? "" : traceId.trim().toLowerCase(java.util.Locale.ROOT);
        spanId = spanId == null ? "" : spanId.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public static LogFilter forTrace(String traceId) {
        return ALL.withTraceId(traceId);
    }

    public static LogFilter forSpan(String traceId, String spanId) {
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

    public LogFilter withTraceId(String value) {
        return new LogFilter(services, minSeverity, text, value, spanId);
    }

    public LogFilter withSpanId(String value) {
        return new LogFilter(services, minSeverity, text, traceId, value);
    }

    /** The same predicate every source applies, for records already in memory (e.g. a live tail). */
    public boolean matches(dev.otellab.telemetry.model.LogRecord log) {
        return (services.isEmpty() || services.contains(log.serviceName()))
                && log.severityNumber() >= minSeverity.lowestNumber()
                && (traceId.isEmpty() || traceId.equals(log.traceId()))
                && (spanId.isEmpty() || spanId.equals(log.spanId()))
                && (text.isEmpty() || containsIgnoreCase(log.body(), text));
    }

    private static boolean containsIgnoreCase(String haystack, String needle) {
        return haystack.toLowerCase(java.util.Locale.ROOT).contains(needle.toLowerCase(java.util.Locale.ROOT));
    }
}
