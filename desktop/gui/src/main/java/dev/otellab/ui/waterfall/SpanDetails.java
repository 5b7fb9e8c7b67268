package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the details pane shows for one span, ready to display as text. */
public record SpanDetails(
        Span span,
        long startOffsetNanos,
        long selfTimeNanos,
        List<Field> attributes,
        List<Field> resource,
        List<Event> events,
        List<SpanLink> links) {

    private static final java.util.Set<String> SHOWN_APART =
            java.util.Set.of("exception.type", "exception.message", "exception.stacktrace");

    /** A key and its value as text. */
    public record Field(String key, String value) {
    }

    /**
     * One event; for an "exception" event, its type, message and stack trace (empty otherwise)
     * and the other attributes.
     */
    public record Event(long offsetNanos, String name, String exceptionType, String exceptionMessage,
                        String stackTrace, List<Field> attributes) {
        public boolean isException() {
            return !exceptionType.isEmpty() || !stackTrace.isEmpty() || !exceptionMessage.isEmpty();
        }
    }

    public static SpanDetails of(Span span, long traceStartNanos, long selfTimeNanos) {
        List<Event> events = new ArrayList<>();
        for (SpanEvent event : span.events()) {
            Map<String, Object> attributes = event.attributes();
            boolean exception = event.isException();
            String type = exception ? text(attributes.get("exception.type")) : "";
            String message = exception ? text(attributes.get("exception.message")) : "";
            String stack = exception ? text(attributes.get("exception.stacktrace")) : "";
            List<Field> others = fields(attributes).stream()
                    .filter(field -> !exception || !SHOWN_APART.contains(field.key()))
                    .toList();
            events.add(new Event(event.timeUnixNano() - traceStartNanos, event.name(), type, message, stack, others));
        }
        return new SpanDetails(span, span.startUnixNano() - traceStartNanos, selfTimeNanos,
                fields(span.attributes()), fields(span.resource().attributes()), List.copyOf(events), span.links());
    }

    private static List<Field> fields(Map<String, Object> attributes) {
        return attributes.entrySet().stream()
                .map(entry -> new Field(entry.getKey(), Attributes.asText(entry.getValue())))
                .toList();
    }

    private static String text(Object value) {
        return value == null ? "" : Attributes.asText(value);
    }
}
