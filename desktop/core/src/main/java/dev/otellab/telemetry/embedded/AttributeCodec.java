package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanLink;
import dev.otellab.telemetry.model.TelemetryIds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's compact binary encoding of attribute maps, span events and span links. Chosen over
 * JSON because it is about twice as fast to write and a third smaller (see docs/benchmarks.md).
 *
 * <p>Format (all counts and lengths are unsigned LEB128 varints): a map is {@code count} then
 * {@code count} entries of key and value. A key is a varint {@code k}: {@code k > 0} names the
 * well-known key {@code WELL_KNOWN_KEYS[k - 1]}; {@code k == 0} is followed by a UTF-8 string.
 * A value is a tag byte and its payload. {@link #WELL_KNOWN_KEYS} is append-only: stored data
 * refers to it by position.
 */
public final class AttributeCodec {
    static final byte STRING = 1;
    static final byte LONG = 2;
    static final byte DOUBLE = 3;
    static final byte FALSE = 4;
    static final byte TRUE = 5;
    static final byte BYTES = 6;
    static final byte LIST = 7;
    static final byte MAP = 8;
    static final byte NULL = 9;

    /** Semantic-convention keys stored as one byte. Append only. */
    static final List<String> WELL_KNOWN_KEYS = List.of(
            "service.name", "service.version", "service.namespace", "service.instance.id",
            "telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version",
            "host.name", "host.arch", "os.type", "os.description", "process.pid",
            "process.runtime.name", "process.runtime.version", "process.executable.path",
            "deployment.environment", "deployment.environment.name",
            "http.request.method", "http.route", "http.response.status_code", "url.path", "url.full",
            "url.scheme", "url.query", "server.address", "server.port", "client.address",
            "network.protocol.version", "network.peer.address", "network.peer.port", "user_agent.original",
            "http.request.body.size", "http.response.body.size",
            "db.system", "db.system.name", "db.namespace", "db.operation.name", "db.query.text",
            "db.statement", "db.collection.name",
            "exception.type", "exception.message", "exception.stacktrace", "exception.escaped",
            "thread.id", "thread.name", "code.function", "code.namespace", "code.filepath", "code.lineno",
            "code.function.name", "code.file.path", "code.line.number",
            "error.type", "rpc.system", "rpc.service", "rpc.method", "messaging.system",
            "http.method", "http.status_code", "http.target", "http.url", "net.peer.name", "net.host.name");

    private static final Map<String, Integer> KEY_CODES;
    /** The well-known keys' UTF-8 bytes in an open-addressed table (code, or 0 for a free slot). */
    private static final int[] KEY_CODE_SLOTS = new int[256];
    private static final byte[][] KEY_BYTES = new byte[WELL_KNOWN_KEYS.size() + 1][];

    static {
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < WELL_KNOWN_KEYS.size(); i++) {
            codes.put(WELL_KNOWN_KEYS.get(i), i + 1);
            byte[] key = WELL_KNOWN_KEYS.get(i).getBytes(StandardCharsets.UTF_8);
            KEY_BYTES[i + 1] = key;
            int slot = hash(key, 0, key.length) & (KEY_CODE_SLOTS.length - 1);
            while (KEY_CODE_SLOTS[slot] != 0) {
                slot = (slot + 1) & (KEY_CODE_SLOTS.length - 1);
            }
            KEY_CODE_SLOTS[slot] = i + 1;
        }
        KEY_CODES = Collections.unmodifiableMap(codes);
    }

    private AttributeCodec() {
    }

    /**
     * The code of the well-known key whose UTF-8 bytes are {@code bytes[from, from + length)}, or 0
     * when it is not one (then the key is written as a string); for encoders that read raw UTF-8.
     */
    static int keyCode(byte[] bytes, int from, int length) {
        int slot = hash(bytes, from, length) & (KEY_CODE_SLOTS.length - 1);
        while (true) {
            int code = KEY_CODE_SLOTS[slot];
            if (code == 0) {
                return 0;
            }
            byte[] key = KEY_BYTES[code];
            if (key.length == length && Arrays.equals(key, 0, length, bytes, from, from + length)) {
                return code;
            }
            slot = (slot + 1) & (KEY_CODE_SLOTS.length - 1);
        }
    }

    private static int hash(byte[] bytes, int from, int length) {
        int hash = length;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash ^ (hash >>> 16);
    }

    /** The encoded map, or null for an empty one (stored as SQL NULL). */
    public static byte[] encode(Map<String, ?> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        Out out = new Out(32 + attributes.size() * 24);
        writeMap(out, attributes);
        return out.toByteArray();
    }

    public static Map<String, Object> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Attributes.empty();
        }
        return Attributes.copyOf(readMap(new In(bytes)));
    }

    /**
     * The value of {@code key} as {@link Attributes#asText} writes it, or null when absent;
     * walks the encoding without building the map (used by the attribute search function).
     */
    public static String findText(byte[] bytes, String key) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        In in = new In(bytes);
        Integer code = KEY_CODES.get(key);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int count = in.varint();
        for (int i = 0; i < count; i++) {
            int k = in.varint();
            boolean match;
            if (k > 0) {
                match = code != null && code == k;
            } else {
                int length = in.varint();
                match = length == keyBytes.length
                        && Arrays.equals(in.bytes, in.pos, in.pos + length, keyBytes, 0, length);
                in.pos += length;
            }
            if (match) {
                return Attributes.asText(readValue(in));
            }
            skipValue(in);
        }
        return null;
    }

    public static byte[] encodeEvents(List<SpanEvent> events, long spanStartUnixNano) {
        if (events == null || events.isEmpty()) {
            return null;
        }
        Out out = new Out(64 * events.size());
        out.varint(events.size());
        for (SpanEvent event : events) {
            out.zigzag(event.timeUnixNano() - spanStartUnixNano);
            out.string(event.name());
            writeMap(out, event.attributes());
        }
        return out.toByteArray();
    }

    public static List<SpanEvent> decodeEvents(byte[] bytes, long spanStartUnixNano) {
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        In in = new In(bytes);
        int count = in.varint();
        List<SpanEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long time = spanStartUnixNano + in.zigzag();
            String name = in.string();
            events.add(new SpanEvent(time, name, readMap(in)));
        }
        return events;
    }

    public static byte[] encodeLinks(List<SpanLink> links) {
        if (links == null || links.isEmpty()) {
            return null;
        }
        Out out = new Out(48 * links.size());
        out.varint(links.size());
        for (SpanLink link : links) {
            out.string(link.traceId());
            out.string(link.spanId());
            writeMap(out, link.attributes());
        }
        return out.toByteArray();
    }

    public static List<SpanLink> decodeLinks(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        In in = new In(bytes);
        int count = in.varint();
        List<SpanLink> links = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String traceId = in.string();
            String spanId = in.string();
            links.add(new SpanLink(traceId, spanId, readMap(in)));
        }
        return links;
    }

    /** Lists of doubles or longs (histogram bounds and bucket counts). */
    static byte[] encodeList(List<?> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        Out out = new Out(values.size() * 9 + 4);
        writeValue(out, values);
        return out.toByteArray();
    }

    static List<?> decodeList(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        return (List<?>) readValue(new In(bytes));
    }

    /** 16 or 8 id bytes from lowercase hex; null for an empty id. */
    static byte[] idBytes(String hex) {
        return hex == null || hex.isEmpty() ? null : TelemetryIds.fromHex(hex);
    }

    static String idHex(byte[] bytes) {
        return bytes == null ? "" : TelemetryIds.toHex(bytes);
    }

    private static void writeMap(Out out, Map<String, ?> map) {
        out.varint(map.size());
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            Integer code = KEY_CODES.get(entry.getKey());
            if (code != null) {
                out.varint(code);
            } else {
                out.varint(0);
                out.string(entry.getKey());
            }
            writeValue(out, entry.getValue());
        }
    }

    static void writeValue(Out out, Object value) {
        if (value == null) {
            out.write(NULL);
        } else if (value instanceof String s) {
            out.write(STRING);
            out.string(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.write(LONG);
            out.zigzag(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            out.write(DOUBLE);
            out.fixed64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
        } else if (value instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (value instanceof byte[] bytes) {
            out.write(BYTES);
            out.varint(bytes.length);
            out.write(bytes, 0, bytes.length);
        } else if (value instanceof List<?> list) {
            out.write(LIST);
            out.varint(list.size());
            for (Object element : list) {
                writeValue(out, element);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.write(MAP);
            Map<String, Object> stringKeys = new LinkedHashMap<>();
            map.forEach((k, v) -> stringKeys.put(String.valueOf(k), v));
            writeMap(out, stringKeys);
        } else {
            out.write(STRING);
            out.string(String.valueOf(value));
        }
    }

    private static Map<String, Object> readMap(In in) {
        int count = in.varint();
        if (count == 0) {
            return Attributes.empty();
        }
        Map<String, Object> map = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            int k = in.varint();
            String key = k > 0 ? WELL_KNOWN_KEYS.get(k - 1) : in.string();
            map.put(key, readValue(in));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object readValue(In in) {
        byte tag = in.bytes[in.pos++];
        return switch (tag) {
            case STRING -> in.string();
            case LONG -> in.zigzag();
            case DOUBLE -> Double.longBitsToDouble(in.fixed64());
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case BYTES -> {
                int length = in.varint();
                byte[] bytes = Arrays.copyOfRange(in.bytes, in.pos, in.pos + length);
                in.pos += length;
                yield bytes;
            }
            case LIST -> {
                int size = in.varint();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                yield Collections.unmodifiableList(list);
            }
            case MAP -> readMap(in);
            case NULL -> null;
            default -> throw new IllegalStateException("Corrupt attribute encoding: tag " + tag);
        };
    }

    private static void skipValue(In in) {
        byte tag = in.bytes[in.pos++];
        switch (tag) {
            case STRING, BYTES -> in.skip(in.varint());
            case LONG -> in.varint64();
            case DOUBLE -> in.pos += 8;
            case FALSE, TRUE, NULL -> {
            }
            case LIST -> {
                int size = in.varint();
                for (int i = 0; i < size; i++) {
                    skipValue(in);
                }
            }
            case MAP -> {
                int count = in.varint();
                for (int i = 0; i < count; i++) {
                    if (in.varint() == 0) {
                        in.skip(in.varint());
                    }
                    skipValue(in);
                }
            }
            default -> throw new IllegalStateException("Corrupt attribute encoding: tag " + tag);
        }
    }

    /** A growable byte buffer without ByteArrayOutputStream's synchronization. */
    static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2 + 16);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len) + 16);
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        /** The bytes written, after {@code prefix} as a varint (e.g. a map's entry count before its entries). */
        byte[] toByteArrayAfterVarint(long prefix) {
            int length = 1;
            for (long v = prefix >>> 7; v != 0; v >>>= 7) {
                length++;
            }
            byte[] bytes = new byte[length + count];
            long v = prefix;
            for (int i = 0; i < length - 1; i++) {
                bytes[i] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[length - 1] = (byte) v;
            System.arraycopy(buf, 0, bytes, length, count);
            return bytes;
        }

        /** Empties the buffer (unsynchronized reset) to encode the next value into it. */
        void clear() {
            count = 0;
        }

        void varint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zigzag(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void fixed64(long value) {
            for (int i = 0; i < 8; i++) {
                write((int) (value >>> (8 * i)));
            }
        }

        void string(String s) {
            // ASCII fast path: most keys and values are ASCII.
            int length = s.length();
            boolean ascii = true;
            for (int i = 0; i < length; i++) {
                if (s.charAt(i) >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                varint(length);
                if (count + length > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + length) + 16);
                }
                for (int i = 0; i < length; i++) {
                    buf[count++] = (byte) s.charAt(i);
                }
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                varint(utf8.length);
                write(utf8, 0, utf8.length);
            }
        }
    }

    private static final class In {
        final byte[] bytes;
        int pos;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        void skip(int length) {
            pos += length;
        }

        int varint() {
            return (int) varint64();
        }

        long varint64() {
            long result = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[pos++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        long zigzag() {
            long v = varint64();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (bytes[pos++] & 0xFFL) << (8 * i);
            }
            return value;
        }

        String string() {
            int length = varint();
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }
    }
}
