package dev.otellab.telemetry.model;

import java.util.Map;

/**
 * One log record. {@code traceId}/{@code spanId} are lowercase hex or empty when the record
 * was written outside a span. Times are Unix epoch nanoseconds; {@code timeUnixNano} falls back
 * to the observed time when the producer sent none.
 */
public record LogRecord(
        long timeUnixNano,
        long observedTimeUnixNano,
        int severityNumber,
        String severityText,
        String body,
        String serviceName,
        String traceId,
        String spanId,
        Map<String, Object> attributes,
        Resource resource,
        InstrumentationScope scope) {

    public LogRecord {
        timeUnixNano = timeUnixNano != 0 ? timeUnixNano : observedTimeUnixNano;
        severityText = severityText == null || severityText.isEmpty()
                ? Severity.ofNumber(severityNumber).name() : severityText;
        body = body == null ? "" : body;
        traceId = traceId == null ? "" : traceId;
        spanId = spanId == null ? "" : spanId;
        attributes = Attributes.copyOf(attributes);
        resource = resource == null ? Resource.EMPTY : resource;
        scope = scope == null ? InstrumentationScope.UNKNOWN : scope;
        serviceName = serviceName == null || serviceName.isBlank() ? resource.serviceName() : serviceName;
    }

    public Severity severity() {
        return Severity.ofNumber(severityNumber);
    }

    public boolean hasTrace() {
        return !traceId.isEmpty();
    }
}
