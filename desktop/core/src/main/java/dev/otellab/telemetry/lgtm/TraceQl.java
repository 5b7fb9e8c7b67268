package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Trace search criteria as TraceQL, with the embedded store's meaning: the span-level criteria
 * (service, span name, attributes) must hold on one and the same span, so they share one
 * spanset; "errors only" is a second spanset (any span of the trace in ERROR); the duration
 * bounds are on the whole trace ({@code traceDuration}). No criteria is {@code {}}.
 *
 * <p>Attribute values are typed as text in the console; the embedded store compares them as
 * text, so a value that reads as a number or boolean matches the typed attribute or its text
 * ({@code (.k = 200 || .k = "200")}).
 */
public final class TraceQl {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private TraceQl() {
    }

    public static String of(TraceSearchCriteria criteria) {
        List<String> spanConditions = new ArrayList<>();
        if (!criteria.service().isEmpty()) {
            spanConditions.add("resource.service.name = " + quoted(criteria.service()));
        }
        if (!criteria.spanName().isEmpty()) {
            // a part of the name, any case, as the embedded store matches it
            spanConditions.add("name =~ " + quoted("(?i).*" + regexLiteral(criteria.spanName()) + ".*"));
        }
        for (Map.Entry<String, String> attribute : new java.util.TreeMap<>(criteria.attributes()).entrySet()) {
            spanConditions.add(attributeCondition(attribute.getKey(), attribute.getValue()));
        }
        List<String> spansets = new ArrayList<>();
        if (!spanConditions.isEmpty()) {
            spansets.add("{ " + String.join(" && ", spanConditions) + " }");
        }
        if (criteria.errorsOnly()) {
            spansets.add("{ status = error }");
        }
        List<String> durations = new ArrayList<>();
        if (criteria.minDuration() != null) {
            durations.add("traceDuration >= " + duration(criteria.minDuration()));
        }
        if (criteria.maxDuration() != null) {
            durations.add("traceDuration <= " + duration(criteria.maxDuration()));
        }
        if (!durations.isEmpty()) {
            spansets.add("{ " + String.join(" && ", durations) + " }");
        }
        return spansets.isEmpty() ? "{}" : String.join(" && ", spansets);
    }

    /** {@code text} as a regular expression (RE2) matching exactly it: its metacharacters escaped. */
    static String regexLiteral(String text) {
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

    /** A TraceQL string literal: double quotes, with backslash, quote and control characters escaped. */
    public static String quoted(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }

    /** An unscoped attribute reference ({@code .key}), quoted when the key has other characters. */
    static String attribute(String key) {
        return PLAIN_NAME.matcher(key).matches() ? "." + key : "." + quoted(key);
    }

    private static String attributeCondition(String key, String value) {
        String attribute = attribute(key);
        String text = attribute + " = " + quoted(value);
        String trimmed = value.trim();
        if (NUMBER.matcher(trimmed).matches() || trimmed.equals("true") || trimmed.equals("false")) {
            return "(" + attribute + " = " + trimmed + " || " + text + ")";
        }
        return text;
    }

    static String duration(Duration duration) {
        long nanos = duration.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
    }
}
