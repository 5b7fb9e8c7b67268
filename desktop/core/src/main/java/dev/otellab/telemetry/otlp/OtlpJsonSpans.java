package dev.otellab.telemetry.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spans straight from an already parsed {@code resourceSpans} array in OTLP's JSON form, as
 * query backends answer (Tempo's trace by id, Jaeger's API v3): ids in hex or base64, enums as
 * names or numbers, 64-bit numbers as strings or numbers. One pass over the tree, with the same
 * mapping as {@link OtlpDecoder} for the receiver (a span with an invalid trace or span id is left
 * out, a link with one is dropped), but without protobuf: the query clients do not depend on the
 * receiver's decoding path.
 */
public final class OtlpJsonSpans {
    private static final SpanKind[] KINDS = {
            SpanKind.UNSPECIFIED, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER
    };

    private OtlpJsonSpans() {
    }

    /**
     * The spans of {@code resourceSpans}; a missing or non-array node is no spans.
     *
     * @throws IllegalArgumentException naming the field when the tree is not OTLP JSON (e.g. a time that is no number)
     */
    public static List<Span> read(JsonNode resourceSpans) {
        List<Span> spans = new ArrayList<>();
        if (resourceSpans == null || !resourceSpans.isArray()) {
            return spans;
        }
        for (JsonNode resourceNode : resourceSpans) {
            Resource resource = new Resource(attributes(resourceNode.path("resource").path("attributes")));
            for (JsonNode scopeNode : scopeSpans(resourceNode)) {
                InstrumentationScope scope = scope(scopeNode.has("scope") ? scopeNode.path("scope")
                        : scopeNode.path("instrumentationLibrary"));
                for (JsonNode spanNode : scopeNode.path("spans")) {
                    Span span = span(spanNode, resource, scope);
                    if (span != null) {
                        spans.add(span);
                    }
                }
            }
        }
        return spans;
    }

    /** {@code scopeSpans}, or {@code instrumentationLibrarySpans} as OTLP before 0.15 named them. */
    private static JsonNode scopeSpans(JsonNode resourceNode) {
        return resourceNode.has("scopeSpans") ? resourceNode.path("scopeSpans")
                : resourceNode.path("instrumentationLibrarySpans");
    }

    private static Span span(JsonNode node, Resource resource, InstrumentationScope scope) {
        TraceId traceId = traceId(node.path("traceId").asText(""));
        SpanId spanId = spanId(node.path("spanId").asText(""));
        if (traceId == null || spanId == null) {
            return null;
        }
        String parentText = node.path("parentSpanId").asText("");
        SpanId parent = parentText.isEmpty() ? null : spanId(parentText);
        if (parent == null && !parentText.isEmpty() && !isAllZero(parentText)) {
            return null; // as the receiver: a parent id that is neither empty nor 8 bytes
        }
        JsonNode status = node.path("status");
        return new Span(traceId.hex(), spanId.hex(), parent == null ? "" : parent.hex(), node.path("name").asText(""),
                kind(node.path("kind")), resource.serviceName(), number(node, "startTimeUnixNano"),
                number(node, "endTimeUnixNano"), status(status.path("code")), status.path("message").asText(""),
                attributes(node.path("attributes")), events(node.path("events")), links(node.path("links")),
                resource, scope);
    }

    private static List<SpanEvent> events(JsonNode events) {
        List<SpanEvent> list = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            list.add(new SpanEvent(number(event, "timeUnixNano"), event.path("name").asText(""),
                    attributes(event.path("attributes"))));
        }
        return list;
    }

    private static List<SpanLink> links(JsonNode links) {
        List<SpanLink> list = new ArrayList<>(links.size());
        for (JsonNode link : links) {
            TraceId traceId = traceId(link.path("traceId").asText(""));
            SpanId spanId = spanId(link.path("spanId").asText(""));
            if (traceId != null && spanId != null) {
                list.add(new SpanLink(traceId.hex(), spanId.hex(), attributes(link.path("attributes"))));
            }
        }
        return list;
    }

    private static InstrumentationScope scope(JsonNode scope) {
        String name = scope.path("name").asText("");
        String version = scope.path("version").asText("");
        return name.isEmpty() && version.isEmpty() ? InstrumentationScope.UNKNOWN : new InstrumentationScope(name, version);
    }

    /** Attributes in arrival order; a key sent twice keeps its last value; a value holding nothing is left out. */
    private static Map<String, Object> attributes(JsonNode keyValues) {
        if (!keyValues.isArray() || keyValues.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonNode keyValue : keyValues) {
            Object value = value(keyValue.path("value"));
            if (value != null) {
                map.put(keyValue.path("key").asText(""), value);
            }
        }
        return map;
    }

    /** An AnyValue as a domain attribute value (as {@link OtlpDecoder#value}), or null when it holds none. */
    private static Object value(JsonNode value) {
        if (value.has("stringValue")) {
            return value.get("stringValue").asText();
        }
        if (value.has("boolValue")) {
            return value.get("boolValue").asBoolean();
        }
        if (value.has("intValue")) {
            return number(value, "intValue");
        }
        if (value.has("doubleValue")) {
            return decimal(value.get("doubleValue"));
        }
        if (value.has("bytesValue")) {
            return base64(value.get("bytesValue").asText(), "bytesValue");
        }
        if (value.has("arrayValue")) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : value.get("arrayValue").path("values")) {
                Object item = value(element);
                if (item != null) {
                    list.add(item);
                }
            }
            return Collections.unmodifiableList(list);
        }
        if (value.has("kvlistValue")) {
            return Collections.unmodifiableMap(attributes(value.get("kvlistValue").path("values")));
        }
        return null;
    }

    /** A 64-bit integer field, written as a JSON number or (protobuf's JSON mapping) a string; 0 when missing. */
    private static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a whole number: " + value);
        }
    }

    /** A double, which the JSON mapping may also write as "NaN", "Infinity" or "-Infinity". */
    private static double decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("doubleValue is not a number: " + value);
        }
    }

    /** SPAN_KIND_SERVER or its number 2; anything else is UNSPECIFIED. */
    private static SpanKind kind(JsonNode kind) {
        if (kind.isIntegralNumber()) {
            int number = kind.asInt();
            return number >= 0 && number < KINDS.length ? KINDS[number] : SpanKind.UNSPECIFIED;
        }
        return switch (kind.asText("").toUpperCase(Locale.ROOT)) {
            case "SPAN_KIND_INTERNAL" -> SpanKind.INTERNAL;
            case "SPAN_KIND_SERVER" -> SpanKind.SERVER;
            case "SPAN_KIND_CLIENT" -> SpanKind.CLIENT;
            case "SPAN_KIND_PRODUCER" -> SpanKind.PRODUCER;
            case "SPAN_KIND_CONSUMER" -> SpanKind.CONSUMER;
            default -> SpanKind.UNSPECIFIED;
        };
    }

    /** STATUS_CODE_ERROR or 2, STATUS_CODE_OK or 1; anything else (a missing code too) is UNSET. */
    private static StatusCode status(JsonNode code) {
        String text = code.isIntegralNumber() ? Integer.toString(code.asInt()) : code.asText("").toUpperCase(Locale.ROOT);
        return switch (text) {
            case "STATUS_CODE_OK", "1" -> StatusCode.OK;
            case "STATUS_CODE_ERROR", "2" -> StatusCode.ERROR;
            default -> StatusCode.UNSET;
        };
    }

    /** A trace id in hex (OTLP/JSON) or base64 (protobuf's JSON mapping, e.g. Tempo); null when it is neither. */
    private static TraceId traceId(String text) {
        if (text.length() == TraceId.HEX_LENGTH) {
            return TraceId.isValid(text) ? TraceId.parse(text) : null;
        }
        byte[] bytes = base64(text);
        return bytes != null && bytes.length == TraceId.BYTES && !isAllZero(bytes) ? TraceId.fromBytes(bytes) : null;
    }

    private static SpanId spanId(String text) {
        if (text.length() == SpanId.HEX_LENGTH) {
            return SpanId.isValid(text) ? SpanId.parse(text) : null;
        }
        byte[] bytes = base64(text);
        return bytes != null && bytes.length == SpanId.BYTES && !isAllZero(bytes) ? SpanId.fromBytes(bytes) : null;
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] base64(String text, String field) {
        byte[] bytes = base64(text);
        if (bytes == null) {
            throw new IllegalArgumentException(field + " is not base64: " + text);
        }
        return bytes;
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** An all-zero parent id (hex or base64) means "no parent", as the receiver reads it. */
    private static boolean isAllZero(String text) {
        if (text.chars().allMatch(c -> c == '0')) {
            return true;
        }
        byte[] bytes = base64(text);
        return bytes != null && isAllZero(bytes);
    }
}
