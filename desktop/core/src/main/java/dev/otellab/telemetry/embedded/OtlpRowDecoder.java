package dev.otellab.telemetry.embedded;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.embedded.EncodedBatch.LogRow;
import dev.otellab.telemetry.embedded.EncodedBatch.ResourceKey;
import dev.otellab.telemetry.embedded.EncodedBatch.SpanRow;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes OTLP/protobuf export requests of spans and log records straight from their bytes into
 * the store's rows: no protobuf message tree, no domain objects, attributes copied from the wire
 * into {@link AttributeCodec}'s encoding without building maps (decision 0044).
 *
 * <p>It covers what SDKs send on the hot path: valid ids, attribute values that are strings,
 * booleans, integers, doubles or bytes, each key once, string log bodies. On anything else (an
 * item the domain decoder would reject, span events or links, array or kvlist values, a key sent
 * twice, a body that is not a string, bytes it cannot read) it gives up on the whole request, and
 * {@link #WITH_DOMAIN_FALLBACK} decodes that request through protobuf-java and
 * {@link dev.otellab.telemetry.otlp.OtlpDecoder}, which stays the one definition of the rules and
 * of the rejection messages. The rows it makes are the ones {@link EncodedBatch#of} makes from the
 * domain model of the same request.
 */
final class OtlpRowDecoder {
    /** The store's decoder: rows when this class covers the request, the domain model otherwise. */
    static final OtlpBodyDecoder WITH_DOMAIN_FALLBACK = new OtlpBodyDecoder() {
        @Override
        public DecodedRequest traces(byte[] body) throws InvalidProtocolBufferException {
            EncodedBatch rows = new OtlpRowDecoder(body).traces();
            return rows != null ? prepared(rows) : DOMAIN.traces(body);
        }

        @Override
        public DecodedRequest logs(byte[] body) throws InvalidProtocolBufferException {
            EncodedBatch rows = new OtlpRowDecoder(body).logs();
            return rows != null ? prepared(rows) : DOMAIN.logs(body);
        }

        private DecodedRequest prepared(EncodedBatch rows) {
            return new DecodedRequest(TelemetryBatch.ofPrepared(rows), 0, "");
        }
    };

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    private static final int SERVER = SpanKind.SERVER.ordinal();
    private static final int KINDS = SpanKind.values().length;
    private static final int ROUTE_KEY = AttributeCodec.WELL_KNOWN_KEYS.indexOf("http.route") + 1;
    private static final int STATUS_KEY = AttributeCodec.WELL_KNOWN_KEYS.indexOf("http.response.status_code") + 1;
    private static final int LEGACY_STATUS_KEY = AttributeCodec.WELL_KNOWN_KEYS.indexOf("http.status_code") + 1;
    /** Thrown (without a stack trace) when the request is not one this class covers. */
    private static final GiveUp GIVE_UP = new GiveUp();

    private final byte[] buf;
    private int pos;
    private final AttributeCodec.Out entries = new AttributeCodec.Out(512);
    private int entryCount;
    /** Offsets and lengths of the keys written into {@link #entries}, to find a key sent twice. */
    private int[] keyRanges = new int[32];
    private CharsetDecoder utf8;

    /** What the attributes of the current span said about its route and HTTP status. */
    private String route;
    private boolean hasResponseStatus;
    private Integer responseStatus;
    private Integer legacyResponseStatus;

    private OtlpRowDecoder(byte[] body) {
        this.buf = body;
    }

    /** The rows of an ExportTraceServiceRequest, or null when this class does not cover it. */
    EncodedBatch traces() {
        List<SpanRow> spans = new ArrayList<>(512);
        try {
            request((resource, service, scope) -> spans.add(span(resource, service, scope)));
        } catch (GiveUp e) {
            return null;
        }
        return new EncodedBatch(spans, List.of(), List.of());
    }

    /** The rows of an ExportLogsServiceRequest, or null when this class does not cover it. */
    EncodedBatch logs() {
        List<LogRow> logs = new ArrayList<>(512);
        try {
            request((resource, service, scope) -> logs.add(log(resource, service, scope)));
        } catch (GiveUp e) {
            return null;
        }
        return new EncodedBatch(List.of(), logs, List.of());
    }

    /** Reads the item that ends at {@link #itemLimit}, with what the items under one scope share. */
    @FunctionalInterface
    private interface Items {
        void add(ResourceKey resource, String service, InstrumentationScope scope);
    }

    /**
     * Traces and logs requests have the same layout: field 1 is repeated Resource{Spans,Logs}, whose
     * field 1 is the resource and field 2 the repeated Scope{Spans,Logs}, whose field 1 is the scope
     * and field 2 the repeated items.
     */
    private void request(Items items) {
        int end = buf.length;
        while (more(end)) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                int groupEnd = length(end);
                resourceGroup(groupEnd, items);
                pos = groupEnd;
            } else {
                skip(tag, end);
            }
        }
    }

    private void resourceGroup(int end, Items items) {
        int start = pos;
        int resourceFrom = -1;
        int resourceTo = -1;
        while (more(end)) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                if (resourceFrom >= 0) {
                    throw GIVE_UP; // protobuf merges a resource sent twice
                }
                resourceTo = length(end);
                resourceFrom = pos;
                pos = resourceTo;
            } else {
                skip(tag, end);
            }
        }
        ResourceKey resource;
        String service;
        if (resourceFrom < 0) {
            resource = resourceKey(null);
            service = Resource.UNKNOWN_SERVICE;
        } else {
            pos = resourceFrom;
            byte[] attrs = attributeList(resourceTo, 1);
            resource = resourceKey(attrs);
            service = serviceName(attrs);
        }
        pos = start;
        while (more(end)) {
            int tag = tag();
            if (tag == (2 << 3 | LENGTH_DELIMITED)) {
                int groupEnd = length(end);
                scopeGroup(groupEnd, resource, service, items);
                pos = groupEnd;
            } else {
                skip(tag, end);
            }
        }
    }

    private void scopeGroup(int end, ResourceKey resource, String service, Items items) {
        int start = pos;
        String name = "";
        String version = "";
        boolean seen = false;
        while (more(end)) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                if (seen) {
                    throw GIVE_UP;
                }
                seen = true;
                int scopeEnd = length(end);
                while (more(scopeEnd)) {
                    int field = tag();
                    if (field == (1 << 3 | LENGTH_DELIMITED)) {
                        name = string(scopeEnd);
                    } else if (field == (2 << 3 | LENGTH_DELIMITED)) {
                        version = string(scopeEnd);
                    } else {
                        skip(field, scopeEnd);
                    }
                }
            } else {
                skip(tag, end);
            }
        }
        InstrumentationScope scope = name.isEmpty() && version.isEmpty()
                ? InstrumentationScope.UNKNOWN : new InstrumentationScope(name, version);
        pos = start;
        while (more(end)) {
            int tag = tag();
            if (tag == (2 << 3 | LENGTH_DELIMITED)) {
                int itemEnd = length(end);
                itemLimit = itemEnd;
                items.add(resource, service, scope);
                pos = itemEnd;
            } else {
                skip(tag, end);
            }
        }
    }

    /** Where the item being read ends. */
    private int itemLimit;

    private SpanRow span(ResourceKey resource, String service, InstrumentationScope scope) {
        int end = itemLimit;
        int traceId = -1;
        int traceIdLength = 0;
        int spanId = -1;
        int spanIdLength = 0;
        int parentId = -1;
        int parentIdLength = 0;
        String name = "";
        int kind = 0;
        long start = 0;
        long finish = 0;
        int statusCode = 0;
        String statusMessage = "";
        startAttributes();
        while (more(end)) {
            int tag = tag();
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED -> {
                    traceIdLength = lengthOnly(end);
                    traceId = pos;
                    pos += traceIdLength;
                }
                case 2 << 3 | LENGTH_DELIMITED -> {
                    spanIdLength = lengthOnly(end);
                    spanId = pos;
                    pos += spanIdLength;
                }
                case 4 << 3 | LENGTH_DELIMITED -> {
                    parentIdLength = lengthOnly(end);
                    parentId = pos;
                    pos += parentIdLength;
                }
                case 5 << 3 | LENGTH_DELIMITED -> name = string(end);
                case 6 << 3 | VARINT -> kind = (int) varint();
                case 7 << 3 | FIXED64 -> start = fixed64(end);
                case 8 << 3 | FIXED64 -> finish = fixed64(end);
                case 9 << 3 | LENGTH_DELIMITED -> attribute(length(end));
                case 11 << 3 | LENGTH_DELIMITED, 13 << 3 | LENGTH_DELIMITED -> throw GIVE_UP; // events, links
                case 15 << 3 | LENGTH_DELIMITED -> {
                    int statusEnd = length(end);
                    while (more(statusEnd)) {
                        int field = tag();
                        if (field == (2 << 3 | LENGTH_DELIMITED)) {
                            statusMessage = string(statusEnd);
                        } else if (field == (3 << 3 | VARINT)) {
                            statusCode = (int) varint();
                        } else {
                            skip(field, statusEnd);
                        }
                    }
                }
                default -> skip(tag, end);
            }
        }
        if (traceIdLength != TRACE_ID_BYTES || isAllZero(traceId, traceIdLength)
                || spanIdLength != SPAN_ID_BYTES || isAllZero(spanId, spanIdLength)
                || (parentIdLength != 0 && parentIdLength != SPAN_ID_BYTES)) {
            throw GIVE_UP; // the domain decoder rejects it, with its message
        }
        int kindOrdinal = kind >= 0 && kind < KINDS ? kind : 0;
        int status = switch (statusCode) {
            case 1 -> StatusCode.OK.ordinal();
            case 2 -> StatusCode.ERROR.ordinal();
            default -> StatusCode.UNSET.ordinal();
        };
        String spanRoute = null;
        if (kindOrdinal == SERVER) {
            spanRoute = route == null || route.isBlank() ? name : route;
        }
        return new SpanRow(copy(traceId, traceIdLength), copy(spanId, spanIdLength),
                parentIdLength == 0 || isAllZero(parentId, parentIdLength) ? null : copy(parentId, parentIdLength),
                name, kindOrdinal, service, start, Math.max(0, finish - start), status,
                statusMessage.isEmpty() ? null : statusMessage, spanRoute, hasResponseStatus ? responseStatus : legacyResponseStatus,
                finishAttributes(), null, null, resource, scope);
    }

    private LogRow log(ResourceKey resource, String service, InstrumentationScope scope) {
        int end = itemLimit;
        long time = 0;
        long observed = 0;
        int severity = 0;
        String severityText = "";
        String body = "";
        boolean hasBody = false;
        int traceId = -1;
        int traceIdLength = 0;
        int spanId = -1;
        int spanIdLength = 0;
        startAttributes();
        while (more(end)) {
            int tag = tag();
            switch (tag) {
                case 1 << 3 | FIXED64 -> time = fixed64(end);
                case 2 << 3 | VARINT -> severity = (int) varint();
                case 3 << 3 | LENGTH_DELIMITED -> severityText = string(end);
                case 5 << 3 | LENGTH_DELIMITED -> {
                    if (hasBody) {
                        throw GIVE_UP; // protobuf merges a body sent twice
                    }
                    hasBody = true;
                    body = body(length(end));
                }
                case 6 << 3 | LENGTH_DELIMITED -> attribute(length(end));
                case 9 << 3 | LENGTH_DELIMITED -> {
                    traceIdLength = lengthOnly(end);
                    traceId = pos;
                    pos += traceIdLength;
                }
                case 10 << 3 | LENGTH_DELIMITED -> {
                    spanIdLength = lengthOnly(end);
                    spanId = pos;
                    pos += spanIdLength;
                }
                case 11 << 3 | FIXED64 -> observed = fixed64(end);
                default -> skip(tag, end);
            }
        }
        if ((traceIdLength != 0 && traceIdLength != TRACE_ID_BYTES) || (spanIdLength != 0 && spanIdLength != SPAN_ID_BYTES)) {
            throw GIVE_UP;
        }
        return new LogRow(time != 0 ? time : observed, observed, severity,
                severityText.isEmpty() ? Severity.ofNumber(severity).name() : severityText, body, service,
                traceIdLength == 0 || isAllZero(traceId, traceIdLength) ? null : copy(traceId, traceIdLength),
                spanIdLength == 0 || isAllZero(spanId, spanIdLength) ? null : copy(spanId, spanIdLength),
                finishAttributes(), resource, scope);
    }

    /** A log body (an AnyValue ending at {@code end}): a string as it is; nothing else is covered. */
    private String body(int end) {
        String text = "";
        while (more(end)) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                text = string(end);
            } else {
                throw GIVE_UP; // another type, rendered as JSON by the domain decoder
            }
        }
        return text;
    }

    /** The attributes (repeated KeyValue in field {@code field}) of a message ending at {@code end}, encoded. */
    private byte[] attributeList(int end, int field) {
        startAttributes();
        while (more(end)) {
            int tag = tag();
            if (tag == (field << 3 | LENGTH_DELIMITED)) {
                attribute(length(end));
            } else {
                skip(tag, end);
            }
        }
        return finishAttributes();
    }

    private void startAttributes() {
        entries.clear();
        entryCount = 0;
        route = null;
        hasResponseStatus = false;
        responseStatus = null;
        legacyResponseStatus = null;
    }

    /** The encoded map of the entries written since {@link #startAttributes}, null when there are none. */
    private byte[] finishAttributes() {
        if (entryCount == 0) {
            return null;
        }
        return entries.toByteArrayAfterVarint(entryCount);
    }

    /** One KeyValue ending at {@code end}, appended to {@link #entries} unless it has no value. */
    private void attribute(int end) {
        int keyFrom = pos;
        int keyLength = 0;
        int valueFrom = -1;
        int valueTo = -1;
        while (more(end)) {
            int tag = tag();
            if (tag == (1 << 3 | LENGTH_DELIMITED)) {
                keyLength = lengthOnly(end);
                keyFrom = pos;
                requireUtf8(keyFrom, keyLength);
                pos += keyLength;
            } else if (tag == (2 << 3 | LENGTH_DELIMITED)) {
                if (valueFrom >= 0) {
                    throw GIVE_UP;
                }
                valueTo = length(end);
                valueFrom = pos;
                pos = valueTo;
            } else {
                skip(tag, end);
            }
        }
        if (valueFrom < 0) {
            return; // no value: left out
        }
        int after = pos;
        pos = valueFrom;
        int valueTag = 0;
        int valueAt = -1;
        while (more(valueTo)) { // a oneof: the last value on the wire wins
            int tag = tag();
            switch (tag) {
                case 1 << 3 | LENGTH_DELIMITED, 7 << 3 | LENGTH_DELIMITED -> {
                    valueTag = tag;
                    valueAt = pos;
                    int length = lengthOnly(valueTo);
                    pos += length;
                }
                case 2 << 3 | VARINT, 3 << 3 | VARINT -> {
                    valueTag = tag;
                    valueAt = pos;
                    varint();
                }
                case 4 << 3 | FIXED64 -> {
                    valueTag = tag;
                    valueAt = pos;
                    fixed64(valueTo);
                }
                case 5 << 3 | LENGTH_DELIMITED, 6 << 3 | LENGTH_DELIMITED -> throw GIVE_UP; // array, kvlist
                default -> skip(tag, valueTo);
            }
        }
        pos = after;
        if (valueAt < 0) {
            return; // an AnyValue without a value: left out
        }
        int code = AttributeCodec.keyCode(buf, keyFrom, keyLength);
        checkNotSeen(code, keyFrom, keyLength);
        if (code > 0) {
            entries.varint(code);
        } else {
            entries.varint(0);
            entries.varint(keyLength);
            entries.write(buf, keyFrom, keyLength);
        }
        int saved = pos;
        pos = valueAt;
        switch (valueTag) {
            case 1 << 3 | LENGTH_DELIMITED -> {
                int length = lengthOnly(valueTo);
                requireUtf8(pos, length);
                entries.write(AttributeCodec.STRING);
                entries.varint(length);
                entries.write(buf, pos, length);
                if (code == ROUTE_KEY) {
                    route = new String(buf, pos, length, StandardCharsets.UTF_8);
                } else if (code == STATUS_KEY || code == LEGACY_STATUS_KEY) {
                    httpStatus(code, parseStatus(new String(buf, pos, length, StandardCharsets.UTF_8)));
                }
            }
            case 7 << 3 | LENGTH_DELIMITED -> {
                int length = lengthOnly(valueTo);
                entries.write(AttributeCodec.BYTES);
                entries.varint(length);
                entries.write(buf, pos, length);
                typedRouteOrStatus(code, null);
            }
            case 2 << 3 | VARINT -> {
                entries.write(varint() != 0 ? AttributeCodec.TRUE : AttributeCodec.FALSE);
                typedRouteOrStatus(code, null);
            }
            case 3 << 3 | VARINT -> {
                long value = varint();
                entries.write(AttributeCodec.LONG);
                entries.zigzag(value);
                typedRouteOrStatus(code, (int) value);
            }
            default -> {
                long bits = fixed64(valueTo);
                entries.write(AttributeCodec.DOUBLE);
                entries.fixed64(bits);
                typedRouteOrStatus(code, (int) Double.longBitsToDouble(bits));
            }
        }
        pos = saved;
        entryCount++;
    }

    /** A route that is not a string reads as its text in the domain; not covered here. */
    private void typedRouteOrStatus(int code, Integer httpStatus) {
        if (code == ROUTE_KEY) {
            throw GIVE_UP;
        }
        if (code == STATUS_KEY || code == LEGACY_STATUS_KEY) {
            httpStatus(code, httpStatus);
        }
    }

    private void httpStatus(int code, Integer value) {
        if (code == STATUS_KEY) {
            hasResponseStatus = true;
            responseStatus = value;
        } else {
            legacyResponseStatus = value;
        }
    }

    private static Integer parseStatus(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Gives up when the key was written already in this map (the domain keeps the last value). */
    private void checkNotSeen(int code, int from, int length) {
        int at = entryCount * 2;
        for (int i = 0; i < at; i += 2) {
            int seenFrom = keyRanges[i];
            int seenLength = keyRanges[i + 1];
            if (seenLength == length && Arrays.equals(buf, seenFrom, seenFrom + length, buf, from, from + length)) {
                throw GIVE_UP;
            }
        }
        if (at + 2 > keyRanges.length) {
            keyRanges = Arrays.copyOf(keyRanges, keyRanges.length * 2);
        }
        keyRanges[at] = from;
        keyRanges[at + 1] = length;
    }

    private static ResourceKey resourceKey(byte[] attrs) {
        byte[] key = attrs == null ? new byte[] {0} : attrs;
        return new ResourceKey(key, Arrays.hashCode(key));
    }

    /** service.name of encoded resource attributes, as {@link Resource#serviceName} reads it. */
    private static String serviceName(byte[] attrs) {
        if (attrs == null) {
            return Resource.UNKNOWN_SERVICE;
        }
        Object name = AttributeCodec.decode(attrs).get(Resource.SERVICE_NAME);
        return name == null || name.toString().isBlank() ? Resource.UNKNOWN_SERVICE : name.toString();
    }

    private boolean isAllZero(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private byte[] copy(int from, int length) {
        return Arrays.copyOfRange(buf, from, from + length);
    }

    // The wire format (protobuf encoding): tags, varints, fixed-size and length-delimited fields.

    /** Whether the message ending at {@code end} has more fields; a field that ran past its end gives up. */
    private boolean more(int end) {
        if (pos < end) {
            return true;
        }
        if (pos > end) {
            throw GIVE_UP;
        }
        return false;
    }

    private int tag() {
        int tag = (int) varint();
        if (tag == 0) {
            throw GIVE_UP;
        }
        return tag;
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= buf.length) {
                throw GIVE_UP;
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw GIVE_UP;
    }

    private long fixed64(int end) {
        if (pos + 8 > end) {
            throw GIVE_UP;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += 8;
        return value;
    }

    /** Reads a length and returns where the field ends (checked against {@code end}). */
    private int length(int end) {
        int length = lengthOnly(end);
        return pos + length;
    }

    private int lengthOnly(int end) {
        long length = varint();
        if (length < 0 || length > end - pos) {
            throw GIVE_UP;
        }
        return (int) length;
    }

    private String string(int end) {
        int length = lengthOnly(end);
        int from = pos;
        pos += length;
        if (isAscii(from, length)) {
            return new String(buf, from, length, StandardCharsets.ISO_8859_1);
        }
        requireUtf8(from, length);
        return new String(buf, from, length, StandardCharsets.UTF_8);
    }

    private boolean isAscii(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** protobuf-java refuses a request whose strings are not valid UTF-8; the fallback says so. */
    private void requireUtf8(int from, int length) {
        if (isAscii(from, length)) {
            return;
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(buf, from, length));
        } catch (CharacterCodingException e) {
            throw GIVE_UP;
        }
    }

    private void skip(int tag, int end) {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> {
                if (pos + 8 > end) {
                    throw GIVE_UP;
                }
                pos += 8;
            }
            case LENGTH_DELIMITED -> pos = length(end);
            case FIXED32 -> {
                if (pos + 4 > end) {
                    throw GIVE_UP;
                }
                pos += 4;
            }
            default -> throw GIVE_UP; // groups are not used by OTLP
        }
    }

    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super("not covered by the row decoder", null, false, false);
        }
    }
}
