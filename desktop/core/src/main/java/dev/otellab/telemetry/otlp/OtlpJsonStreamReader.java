package dev.otellab.telemetry.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.io.IOException;
import java.util.Base64;

/**
 * Reads OTLP/JSON export requests of traces and logs straight from Jackson's token stream into
 * the protobuf messages, for bulk reading (trace files): the same mapping as
 * {@link OtlpJsonParser} (camelCase or snake_case names, hex or base64 ids, enums as numbers or
 * names, 64-bit integers as strings or numbers, unknown fields ignored) without building a
 * tree and printing it again for protobuf's JsonFormat. The messages then go through the one
 * {@link OtlpDecoder}. Anything that does not fit throws {@link OtlpJsonException} with the
 * place (line and column) it was found.
 */
public final class OtlpJsonStreamReader {
    private final JsonParser parser;

    private OtlpJsonStreamReader(JsonParser parser) {
        this.parser = parser;
    }

    /** One request of traces from {@code json[offset, offset+length)}; the parser must stand before its '{'. */
    public static ExportTraceServiceRequest traces(byte[] json, int offset, int length) throws IOException {
        try (JsonParser parser = OtlpJsonParser.MAPPER.createParser(json, offset, length)) {
            OtlpJsonStreamReader reader = new OtlpJsonStreamReader(parser);
            ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
            reader.object(field -> {
                if (is(field, "resourceSpans", "resource_spans")) {
                    reader.array(() -> request.addResourceSpans(reader.resourceSpans()));
                } else {
                    reader.skip();
                }
            });
            reader.end();
            return request.build();
        }
    }

    /** One request of log records, like {@link #traces}. */
    public static ExportLogsServiceRequest logs(byte[] json, int offset, int length) throws IOException {
        try (JsonParser parser = OtlpJsonParser.MAPPER.createParser(json, offset, length)) {
            OtlpJsonStreamReader reader = new OtlpJsonStreamReader(parser);
            ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
            reader.object(field -> {
                if (is(field, "resourceLogs", "resource_logs")) {
                    reader.array(() -> request.addResourceLogs(reader.resourceLogs()));
                } else {
                    reader.skip();
                }
            });
            reader.end();
            return request.build();
        }
    }

    private void end() throws IOException {
        if (parser.nextToken() != null) {
            throw problem("unexpected content after the request");
        }
    }

    private ResourceSpans resourceSpans() throws IOException {
        ResourceSpans.Builder builder = ResourceSpans.newBuilder();
        object(field -> {
            if (field.equals("resource")) {
                builder.setResource(resource());
            } else if (is(field, "scopeSpans", "scope_spans") || field.equals("instrumentationLibrarySpans")) {
                array(() -> builder.addScopeSpans(scopeSpans()));
            } else if (is(field, "schemaUrl", "schema_url")) {
                builder.setSchemaUrl(text());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private ScopeSpans scopeSpans() throws IOException {
        ScopeSpans.Builder builder = ScopeSpans.newBuilder();
        object(field -> {
            if (field.equals("scope") || field.equals("instrumentationLibrary")) {
                builder.setScope(scope());
            } else if (field.equals("spans")) {
                array(() -> builder.addSpans(span()));
            } else if (is(field, "schemaUrl", "schema_url")) {
                builder.setSchemaUrl(text());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private Span span() throws IOException {
        Span.Builder builder = Span.newBuilder();
        object(field -> {
            switch (field) {
                case "traceId", "trace_id" -> builder.setTraceId(id());
                case "spanId", "span_id" -> builder.setSpanId(id());
                case "parentSpanId", "parent_span_id" -> builder.setParentSpanId(id());
                case "traceState", "trace_state" -> builder.setTraceState(text());
                case "flags" -> builder.setFlags((int) number());
                case "name" -> builder.setName(text());
                case "kind" -> builder.setKindValue(enumValue(Span.SpanKind::valueOf, Span.SpanKind::getNumber));
                case "startTimeUnixNano", "start_time_unix_nano" -> builder.setStartTimeUnixNano(number());
                case "endTimeUnixNano", "end_time_unix_nano" -> builder.setEndTimeUnixNano(number());
                case "attributes" -> array(() -> builder.addAttributes(keyValue()));
                case "droppedAttributesCount", "dropped_attributes_count" -> builder.setDroppedAttributesCount((int) number());
                case "events" -> array(() -> builder.addEvents(event()));
                case "droppedEventsCount", "dropped_events_count" -> builder.setDroppedEventsCount((int) number());
                case "links" -> array(() -> builder.addLinks(link()));
                case "droppedLinksCount", "dropped_links_count" -> builder.setDroppedLinksCount((int) number());
                case "status" -> builder.setStatus(status());
                default -> skip();
            }
        });
        return builder.build();
    }

    private Span.Event event() throws IOException {
        Span.Event.Builder builder = Span.Event.newBuilder();
        object(field -> {
            switch (field) {
                case "timeUnixNano", "time_unix_nano" -> builder.setTimeUnixNano(number());
                case "name" -> builder.setName(text());
                case "attributes" -> array(() -> builder.addAttributes(keyValue()));
                case "droppedAttributesCount", "dropped_attributes_count" -> builder.setDroppedAttributesCount((int) number());
                default -> skip();
            }
        });
        return builder.build();
    }

    private Span.Link link() throws IOException {
        Span.Link.Builder builder = Span.Link.newBuilder();
        object(field -> {
            switch (field) {
                case "traceId", "trace_id" -> builder.setTraceId(id());
                case "spanId", "span_id" -> builder.setSpanId(id());
                case "traceState", "trace_state" -> builder.setTraceState(text());
                case "attributes" -> array(() -> builder.addAttributes(keyValue()));
                case "droppedAttributesCount", "dropped_attributes_count" -> builder.setDroppedAttributesCount((int) number());
                case "flags" -> builder.setFlags((int) number());
                default -> skip();
            }
        });
        return builder.build();
    }

    private Status status() throws IOException {
        Status.Builder builder = Status.newBuilder();
        object(field -> {
            if (field.equals("message")) {
                builder.setMessage(text());
            } else if (field.equals("code")) {
                builder.setCodeValue(enumValue(Status.StatusCode::valueOf, Status.StatusCode::getNumber));
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private ResourceLogs resourceLogs() throws IOException {
        ResourceLogs.Builder builder = ResourceLogs.newBuilder();
        object(field -> {
            if (field.equals("resource")) {
                builder.setResource(resource());
            } else if (is(field, "scopeLogs", "scope_logs")) {
                array(() -> builder.addScopeLogs(scopeLogs()));
            } else if (is(field, "schemaUrl", "schema_url")) {
                builder.setSchemaUrl(text());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private ScopeLogs scopeLogs() throws IOException {
        ScopeLogs.Builder builder = ScopeLogs.newBuilder();
        object(field -> {
            if (field.equals("scope")) {
                builder.setScope(scope());
            } else if (is(field, "logRecords", "log_records")) {
                array(() -> builder.addLogRecords(logRecord()));
            } else if (is(field, "schemaUrl", "schema_url")) {
                builder.setSchemaUrl(text());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private LogRecord logRecord() throws IOException {
        LogRecord.Builder builder = LogRecord.newBuilder();
        object(field -> {
            switch (field) {
                case "timeUnixNano", "time_unix_nano" -> builder.setTimeUnixNano(number());
                case "observedTimeUnixNano", "observed_time_unix_nano" -> builder.setObservedTimeUnixNano(number());
                case "severityNumber", "severity_number" -> builder.setSeverityNumberValue(
                        enumValue(io.opentelemetry.proto.logs.v1.SeverityNumber::valueOf,
                                io.opentelemetry.proto.logs.v1.SeverityNumber::getNumber));
                case "severityText", "severity_text" -> builder.setSeverityText(text());
                case "body" -> builder.setBody(anyValue());
                case "attributes" -> array(() -> builder.addAttributes(keyValue()));
                case "droppedAttributesCount", "dropped_attributes_count" -> builder.setDroppedAttributesCount((int) number());
                case "flags" -> builder.setFlags((int) number());
                case "traceId", "trace_id" -> builder.setTraceId(id());
                case "spanId", "span_id" -> builder.setSpanId(id());
                default -> skip();
            }
        });
        return builder.build();
    }

    private Resource resource() throws IOException {
        Resource.Builder builder = Resource.newBuilder();
        object(field -> {
            if (field.equals("attributes")) {
                array(() -> builder.addAttributes(keyValue()));
            } else if (is(field, "droppedAttributesCount", "dropped_attributes_count")) {
                builder.setDroppedAttributesCount((int) number());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private InstrumentationScope scope() throws IOException {
        InstrumentationScope.Builder builder = InstrumentationScope.newBuilder();
        object(field -> {
            switch (field) {
                case "name" -> builder.setName(text());
                case "version" -> builder.setVersion(text());
                case "attributes" -> array(() -> builder.addAttributes(keyValue()));
                default -> skip();
            }
        });
        return builder.build();
    }

    private KeyValue keyValue() throws IOException {
        KeyValue.Builder builder = KeyValue.newBuilder();
        object(field -> {
            if (field.equals("key")) {
                builder.setKey(text());
            } else if (field.equals("value")) {
                builder.setValue(anyValue());
            } else {
                skip();
            }
        });
        return builder.build();
    }

    private AnyValue anyValue() throws IOException {
        AnyValue.Builder builder = AnyValue.newBuilder();
        object(field -> {
            switch (field) {
                case "stringValue", "string_value" -> builder.setStringValue(text());
                case "boolValue", "bool_value" -> builder.setBoolValue(bool());
                case "intValue", "int_value" -> builder.setIntValue(number());
                case "doubleValue", "double_value" -> builder.setDoubleValue(decimal());
                case "bytesValue", "bytes_value" -> builder.setBytesValue(base64());
                case "arrayValue", "array_value" -> {
                    ArrayValue.Builder array = ArrayValue.newBuilder();
                    object(inner -> {
                        if (inner.equals("values")) {
                            array(() -> array.addValues(anyValue()));
                        } else {
                            skip();
                        }
                    });
                    builder.setArrayValue(array);
                }
                case "kvlistValue", "kvlist_value" -> {
                    KeyValueList.Builder list = KeyValueList.newBuilder();
                    object(inner -> {
                        if (inner.equals("values")) {
                            array(() -> list.addValues(keyValue()));
                        } else {
                            skip();
                        }
                    });
                    builder.setKvlistValue(list);
                }
                default -> skip();
            }
        });
        return builder.build();
    }

    // --- tokens -------------------------------------------------------------------------

    private interface FieldReader {
        void read(String field) throws IOException;
    }

    private interface ElementReader {
        void read() throws IOException;
    }

    private interface EnumNumber<E> {
        int number(E value);
    }

    /** Reads an object (the parser before its '{', or null), calling {@code fields} with each name. */
    private void object(FieldReader fields) throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw problem("expected an object, found " + describe(token));
        }
        while (next() == JsonToken.FIELD_NAME) {
            field = parser.currentName();
            fields.read(field);
        }
    }

    /** Reads an array (the parser before its '[', or null), calling {@code elements} once per element. */
    private void array(ElementReader elements) throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            throw problem("expected an array, found " + describe(token));
        }
        while (true) {
            JsonToken peek = parser.nextToken();
            if (peek == JsonToken.END_ARRAY) {
                return;
            }
            if (peek == null) {
                throw problem("the request ends inside an array");
            }
            // the element reader starts by taking the current token again
            pushedBack = true;
            elements.read();
        }
    }

    private boolean pushedBack;
    /** The last field name read, to say where a problem is. */
    private String field;

    private JsonToken next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return parser.currentToken();
        }
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw problem("the request ends too early");
        }
        return token;
    }

    private void skip() throws IOException {
        next();
        parser.skipChildren();
    }

    private String text() throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        throw problem("expected a string, found " + describe(token));
    }

    private boolean bool() throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw problem("expected true or false, found " + describe(token));
    }

    /** A 64-bit integer, as a number or a string of digits (protobuf's JSON mapping allows both). */
    private long number() throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseUnsignedLong(parser.getText().trim());
            } catch (NumberFormatException e) {
                try {
                    return Long.parseLong(parser.getText().trim());
                } catch (NumberFormatException notSigned) {
                    throw problem("expected an integer, found \"" + parser.getText() + "\"");
                }
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw problem("expected an integer, found " + describe(token));
    }

    private double decimal() throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Double.parseDouble(parser.getText().trim());
            } catch (NumberFormatException e) {
                throw problem("expected a number, found \"" + parser.getText() + "\"");
            }
        }
        throw problem("expected a number, found " + describe(token));
    }

    /** An enum as its number or its name. */
    private <E> int enumValue(java.util.function.Function<String, E> byName, EnumNumber<E> number) throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return number.number(byName.apply(parser.getText()));
            } catch (IllegalArgumentException e) {
                throw problem("unknown value \"" + parser.getText() + "\"");
            }
        }
        throw problem("expected an enum name or number, found " + describe(token));
    }

    /** A trace or span id: hex (OTLP/JSON) or base64 (protobuf's JSON mapping, e.g. Tempo). */
    private ByteString id() throws IOException {
        String text = text();
        if (text.isEmpty()) {
            return ByteString.EMPTY;
        }
        byte[] hex = hex(text);
        if (hex != null) {
            return ByteString.copyFrom(hex);
        }
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw problem("\"" + text + "\" is neither a hex nor a base64 id");
        }
    }

    private ByteString base64() throws IOException {
        String text = text();
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw problem("bytesValue \"" + text + "\" is not base64");
        }
    }

    private static byte[] hex(String text) {
        if (text.length() % 2 != 0) {
            return null;
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(text.charAt(2 * i), 16);
            int low = Character.digit(text.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) ((high << 4) | low);
        }
        return bytes;
    }

    private static boolean is(String field, String camel, String snake) {
        return field.equals(camel) || field.equals(snake);
    }

    private String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private OtlpJsonException problem(String message) {
        var location = parser.currentTokenLocation();
        return new OtlpJsonException((field == null ? "" : "\"" + field + "\": ") + message,
                location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr());
    }

    /** An OTLP/JSON request that does not fit the messages, with where (1-based line and column). */
    public static final class OtlpJsonException extends IOException {
        private final int line;
        private final int column;

        OtlpJsonException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }
}
