package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A log filter as LogQL, with the embedded store's meaning. Services select streams by the
 * {@code service_name} label (all services: {@code service_name=~".+"}, since a selector may not
 * match everything); trace and span ids are structured metadata ({@code | trace_id="..."}),
 * never labels; the minimum severity is Loki's {@code detected_level} (set from OTLP's severity);
 * the text is a case-insensitive substring, as in the embedded store ({@code |~ "(?i)..."}
 * with the text regex-quoted), since {@code |=} is case-sensitive.
 */
public final class LogQl {
    /** Loki's detected_level values from each severity upwards. */
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "fatal", "critical");

    private LogQl() {
    }

    public static String of(LogFilter filter) {
        StringBuilder query = new StringBuilder(selector(filter.services()));
        if (filter.traceId() != null) {
            query.append(" | trace_id=").append(quoted(filter.traceId().hex()));
        }
        if (filter.spanId() != null) {
            query.append(" | span_id=").append(quoted(filter.spanId().hex()));
        }
        if (filter.minSeverity() != Severity.UNSPECIFIED) {
            query.append(" | detected_level=~").append(quoted(String.join("|", levelsFrom(filter.minSeverity()))));
        }
        if (!filter.text().isEmpty()) {
            query.append(" |~ ").append(quoted("(?i)" + regexQuoted(filter.text())));
        }
        return query.toString();
    }

    static String selector(Set<String> services) {
        if (services.isEmpty()) {
            return "{service_name=~\".+\"}";
        }
        if (services.size() == 1) {
            return "{service_name=" + quoted(services.iterator().next()) + "}";
        }
        StringBuilder alternatives = new StringBuilder();
        for (String service : new TreeSet<>(services)) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(regexQuoted(service));
        }
        return "{service_name=~" + quoted(alternatives.toString()) + "}";
    }

    private static List<String> levelsFrom(Severity minimum) {
        int from = switch (minimum) {
            case DEBUG -> 1;
            case INFO -> 2;
            case WARN -> 3;
            case ERROR -> 4;
            case FATAL -> 5;
            default -> 0;
        };
        return LEVELS.subList(from, LEVELS.size());
    }

    /** A LogQL string literal: double quotes with backslash, quote and control characters escaped. */
    public static String quoted(String value) {
        return TraceQl.quoted(value);
    }

    /** {@code text} as an RE2 regular expression that matches exactly it. */
    static String regexQuoted(String text) {
        StringBuilder regex = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
    }
}
