package dev.otellab.telemetry.otlp;

import com.google.protobuf.ByteString;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.TelemetryIds;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns domain spans and log records back into OTLP export requests, the inverse of
 * {@link OtlpDecoder}: items are grouped under their resource and scope in order of first
 * appearance, attribute values keep their type (String, Long, Double, Boolean, byte[], List, Map).
 * A log body is written as a string (the domain keeps bodies as text).
 */
public final class OtlpEncoder {
    private OtlpEncoder() {
    }

    public static ExportTraceServiceRequest traces(List<Span> spans) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (Map.Entry<Resource, Map<InstrumentationScope, List<Span>>> byResource
                : grouped(spans, Span::resource, Span::scope).entrySet()) {
            ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(resource(byResource.getKey()));
            for (Map.Entry<InstrumentationScope, List<Span>> byScope : byResource.getValue().entrySet()) {
                ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder().setScope(scope(byScope.getKey()));
                byScope.getValue().forEach(span -> scopeSpans.addSpans(span(span)));
                resourceSpans.addScopeSpans(scopeSpans);
            }
            request.addResourceSpans(resourceSpans);
        }
        return request.build();
    }

    public static ExportLogsServiceRequest logs(List<LogRecord> logs) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (Map.Entry<Resource, Map<InstrumentationScope, List<LogRecord>>> byResource
                : grouped(logs, LogRecord::resource, LogRecord::scope).entrySet()) {
            ResourceLogs.Builder resourceLogs = ResourceLogs.newBuilder().setResource(resource(byResource.getKey()));
            for (Map.Entry<InstrumentationScope, List<LogRecord>> byScope : byResource.getValue().entrySet()) {
                ScopeLogs.Builder scopeLogs = ScopeLogs.newBuilder().setScope(scope(byScope.getKey()));
                byScope.getValue().forEach(log -> scopeLogs.addLogRecords(log(log)));
                resourceLogs.addScopeLogs(scopeLogs);
            }
            request.addResourceLogs(resourceLogs);
        }
        return request.build();
    }

    private static <T> Map<Resource, Map<InstrumentationScope, List<T>>> grouped(
            List<T> items, Function<T, Resource> resource, Function<T, InstrumentationScope> scope) {
        Map<Resource, Map<InstrumentationScope, List<T>>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(withService(resource.apply(item), item), key -> new LinkedHashMap<>())
                    .computeIfAbsent(scope.apply(item), key -> new ArrayList<>())
                    .add(item);
        }
        return groups;
    }

    /** A resource without service.name gets the item's service name, so it survives the round trip. */
    private static Resource withService(Resource resource, Object item) {
        String service = item instanceof Span span ? span.serviceName() : ((LogRecord) item).serviceName();
        if (resource.attributes().containsKey(Resource.SERVICE_NAME) || Resource.UNKNOWN_SERVICE.equals(service)) {
            return resource;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(Resource.SERVICE_NAME, service);
        attributes.putAll(resource.attributes());
        return new Resource(attributes);
    }

    private static io.opentelemetry.proto.resource.v1.Resource resource(Resource resource) {
        return io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                .addAllAttributes(keyValues(resource.attributes())).build();
    }

    private static io.opentelemetry.proto.common.v1.InstrumentationScope scope(InstrumentationScope scope) {
        return io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                .setName(scope.name()).setVersion(scope.version()).build();
    }

    private static io.opentelemetry.proto.trace.v1.Span span(Span span) {
        io.opentelemetry.proto.trace.v1.Span.Builder builder = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(id(span.traceId()))
                .setSpanId(id(span.spanId()))
                .setName(span.name())
                .setKindValue(span.kind().ordinal())
                .setStartTimeUnixNano(span.startUnixNano())
                .setEndTimeUnixNano(span.endUnixNano())
                .addAllAttributes(keyValues(span.attributes()))
                .setStatus(Status.newBuilder().setCodeValue(span.status().ordinal()).setMessage(span.statusMessage()));
        if (!span.parentSpanId().isEmpty()) {
            builder.setParentSpanId(id(span.parentSpanId()));
        }
        for (SpanEvent event : span.events()) {
            builder.addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                    .setTimeUnixNano(event.timeUnixNano()).setName(event.name())
                    .addAllAttributes(keyValues(event.attributes())));
        }
        for (SpanLink link : span.links()) {
            builder.addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                    .setTraceId(id(link.traceId())).setSpanId(id(link.spanId()))
                    .addAllAttributes(keyValues(link.attributes())));
        }
        return builder.build();
    }

    private static io.opentelemetry.proto.logs.v1.LogRecord log(LogRecord log) {
        io.opentelemetry.proto.logs.v1.LogRecord.Builder builder = io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                .setTimeUnixNano(log.timeUnixNano())
                .setObservedTimeUnixNano(log.observedTimeUnixNano())
                .setSeverityNumberValue(log.severityNumber())
                .setSeverityText(log.severityText())
                .setBody(AnyValue.newBuilder().setStringValue(log.body()))
                .addAllAttributes(keyValues(log.attributes()));
        if (log.hasTrace()) {
            builder.setTraceId(id(log.traceId()));
        }
        if (!log.spanId().isEmpty()) {
            builder.setSpanId(id(log.spanId()));
        }
        return builder.build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(TelemetryIds.fromHex(hex));
    }

    static List<KeyValue> keyValues(Map<String, ?> attributes) {
        List<KeyValue> keyValues = new ArrayList<>(attributes.size());
        for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
            AnyValue value = value(attribute.getValue());
            if (value != null) {
                keyValues.add(KeyValue.newBuilder().setKey(attribute.getKey()).setValue(value).build());
            }
        }
        return keyValues;
    }

    /** A domain attribute value as an AnyValue; null for a value OTLP cannot carry. */
    static AnyValue value(Object value) {
        if (value instanceof String text) {
            return AnyValue.newBuilder().setStringValue(text).build();
        }
        if (value instanceof Boolean flag) {
            return AnyValue.newBuilder().setBoolValue(flag).build();
        }
        if (value instanceof Double || value instanceof Float) {
            return AnyValue.newBuilder().setDoubleValue(((Number) value).doubleValue()).build();
        }
        if (value instanceof Number number) {
            return AnyValue.newBuilder().setIntValue(number.longValue()).build();
        }
        if (value instanceof byte[] bytes) {
            return AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(bytes)).build();
        }
        if (value instanceof List<?> list) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (Object element : list) {
                AnyValue encoded = value(element);
                if (encoded != null) {
                    array.addValues(encoded);
                }
            }
            return AnyValue.newBuilder().setArrayValue(array).build();
        }
        if (value instanceof Map<?, ?> map) {
            KeyValueList.Builder kvList = KeyValueList.newBuilder();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                AnyValue encoded = value(entry.getValue());
                if (encoded != null) {
                    kvList.addValues(KeyValue.newBuilder().setKey(String.valueOf(entry.getKey())).setValue(encoded));
                }
            }
            return AnyValue.newBuilder().setKvlistValue(kvList).build();
        }
        return null;
    }
}
