package dev.otellab.telemetry.model;

import java.util.List;
import java.util.Map;

/**
 * One operation of a trace. Ids are lowercase hex; {@code parentSpanId} is empty for a root.
 * Times are Unix epoch nanoseconds. {@code serviceName} repeats the resource's service.name
 * because every view and query filters by it.
 */
public record Span(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        String serviceName,
        long startUnixNano,
        long endUnixNano,
        StatusCode status,
        String statusMessage,
        Map<String, Object> attributes,
        List<SpanEvent> events,
        List<SpanLink> links,
        Resource resource,
        InstrumentationScope scope) {

    public Span {
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
        name = name == null ? "" : name;
        kind = kind == null ? SpanKind.UNSPECIFIED : kind;
        status = status == null ? StatusCode.UNSET : status;
        statusMessage = statusMessage == null ? "" : statusMessage;
        attributes = Attributes.copyOf(attributes);
        events = events == null ? List.of() : List.copyOf(events);
        links = links == null ? List.of() : List.copyOf(links);
        resource = resource == null ? Resource.EMPTY : resource;
        scope = scope == null ? InstrumentationScope.UNKNOWN : scope;
        serviceName = serviceName == null || serviceName.isBlank() ? resource.serviceName() : serviceName;
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public boolean isError() {
        return status == StatusCode.ERROR;
    }

    /** Never negative, even when a clock-skewed exporter sends end before start. */
    public long durationNanos() {
        return Math.max(0, endUnixNano - startUnixNano);
    }
}
