package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;

import java.util.List;
import java.util.Map;

/** Small hand-made spans for waterfall tests: times in milliseconds from 0. */
final class Spans {
    static final String TRACE = "5b8efff798038103d269b633813fc60c";

    private Spans() {
    }

    static Span span(String id, String parent, String name, long startMs, long endMs) {
        return span(id, parent, name, startMs, endMs, StatusCode.UNSET, Map.of(), List.of());
    }

    static Span span(String id, String parent, String name, long startMs, long endMs, StatusCode status,
                     Map<String, Object> attributes, List<SpanEvent> events) {
        String service = name.startsWith("SELECT") || name.startsWith("INSERT") ? "lab-backend" : name.contains("notify") ? "notification-service" : "lab-backend";
        return new Span(TRACE, String.format("%016x", Long.parseLong(id)), parent.isEmpty() ? "" : String.format("%016x", Long.parseLong(parent)),
                name, SpanKind.INTERNAL, service, startMs * 1_000_000, endMs * 1_000_000, status, status == StatusCode.ERROR ? "boom" : "",
                attributes, events, List.of(), new Resource(Map.of("service.name", service)), InstrumentationScope.UNKNOWN);
    }

    static String id(long number) {
        return String.format("%016x", number);
    }
}
