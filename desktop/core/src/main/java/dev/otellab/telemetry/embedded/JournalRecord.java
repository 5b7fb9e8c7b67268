package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.embedded.EncodedBatch.LogRow;
import dev.otellab.telemetry.embedded.EncodedBatch.ResourceKey;
import dev.otellab.telemetry.embedded.EncodedBatch.SpanRow;
import dev.otellab.telemetry.model.InstrumentationScope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one journal record: a batch's span and log rows, each resource and scope written
 * once. {@link #encode} leaves {@link #HEADER_BYTES} free at the front for the journal's length
 * and checksum, so a record goes to the file in one write without a copy.
 */
final class JournalRecord {
    static final int HEADER_BYTES = 8;
    private static final byte FORMAT = 1;

    private byte[] bytes;
    private int length;

    private JournalRecord(int capacity) {
        bytes = new byte[capacity];
        length = HEADER_BYTES;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Header included. */
    int length() {
        return length;
    }

    /** Span and log rows only: metric points are not journaled (they are few, and wait for their commit). */
    static JournalRecord encode(EncodedBatch batch) {
        if (!batch.metrics().isEmpty()) {
            throw new IllegalArgumentException("Metric points are not journaled");
        }
        JournalRecord record = new JournalRecord(64 + 320 * (batch.spans().size() + batch.logs().size()));
        record.writeByte(FORMAT);
        Map<ResourceKey, Integer> resources = new IdentityHashMap<>();
        Map<InstrumentationScope, Integer> scopes = new IdentityHashMap<>();
        for (SpanRow span : batch.spans()) {
            resources.putIfAbsent(span.resource(), resources.size());
            scopes.putIfAbsent(span.scope(), scopes.size());
        }
        for (LogRow log : batch.logs()) {
            resources.putIfAbsent(log.resource(), resources.size());
            scopes.putIfAbsent(log.scope(), scopes.size());
        }
        record.writeInt(resources.size());
        for (ResourceKey resource : byIndex(resources)) {
            record.writeBytes(resource.attrs());
        }
        record.writeInt(scopes.size());
        for (InstrumentationScope scope : byIndex(scopes)) {
            record.writeString(scope.name());
            record.writeString(scope.version());
        }
        record.writeInt(batch.spans().size());
        for (SpanRow span : batch.spans()) {
            record.writeSpan(span, resources.get(span.resource()), scopes.get(span.scope()));
        }
        record.writeInt(batch.logs().size());
        for (LogRow log : batch.logs()) {
            record.writeLog(log, resources.get(log.resource()), scopes.get(log.scope()));
        }
        return record;
    }

    /** The rows of a record's payload (the bytes after the header). */
    static EncodedBatch decode(ByteBuffer payload) {
        byte format = payload.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("Unknown journal record format " + format);
        }
        ResourceKey[] resources = new ResourceKey[payload.getInt()];
        for (int i = 0; i < resources.length; i++) {
            byte[] attrs = readBytes(payload);
            resources[i] = new ResourceKey(attrs, Arrays.hashCode(attrs));
        }
        InstrumentationScope[] scopes = new InstrumentationScope[payload.getInt()];
        for (int i = 0; i < scopes.length; i++) {
            scopes[i] = new InstrumentationScope(readString(payload), readString(payload));
        }
        int spanCount = payload.getInt();
        List<SpanRow> spans = new ArrayList<>(spanCount);
        for (int i = 0; i < spanCount; i++) {
            spans.add(new SpanRow(readBytes(payload), readBytes(payload), readBytes(payload), readString(payload),
                    payload.getInt(), readString(payload), payload.getLong(), payload.getLong(), payload.getInt(),
                    readString(payload), readString(payload), readHttpStatus(payload), readBytes(payload),
                    readBytes(payload), readBytes(payload), resources[payload.getInt()], scopes[payload.getInt()]));
        }
        int logCount = payload.getInt();
        List<LogRow> logs = new ArrayList<>(logCount);
        for (int i = 0; i < logCount; i++) {
            logs.add(new LogRow(payload.getLong(), payload.getLong(), payload.getInt(), readString(payload),
                    readString(payload), readString(payload), readBytes(payload), readBytes(payload),
                    readBytes(payload), resources[payload.getInt()], scopes[payload.getInt()]));
        }
        return new EncodedBatch(spans, logs, List.of());
    }

    private void writeSpan(SpanRow span, int resource, int scope) {
        writeBytes(span.traceId());
        writeBytes(span.spanId());
        writeBytes(span.parentSpanId());
        writeString(span.name());
        writeInt(span.kind());
        writeString(span.service());
        writeLong(span.startNs());
        writeLong(span.durationNs());
        writeInt(span.status());
        writeString(span.statusMessage());
        writeString(span.route());
        writeInt(span.httpStatus() == null ? -1 : span.httpStatus());
        writeBytes(span.attrs());
        writeBytes(span.events());
        writeBytes(span.links());
        writeInt(resource);
        writeInt(scope);
    }

    private void writeLog(LogRow log, int resource, int scope) {
        writeLong(log.timeNs());
        writeLong(log.observedNs());
        writeInt(log.severity());
        writeString(log.severityText());
        writeString(log.body());
        writeString(log.service());
        writeBytes(log.traceId());
        writeBytes(log.spanId());
        writeBytes(log.attrs());
        writeInt(resource);
        writeInt(scope);
    }

    /** The keys, each at its index (the indexes are 0 to size - 1). */
    private static <T> List<T> byIndex(Map<T, Integer> indexes) {
        List<T> ordered = new ArrayList<>(Collections.nCopies(indexes.size(), null));
        indexes.forEach((key, index) -> ordered.set(index, key));
        return ordered;
    }

    private void writeByte(byte value) {
        ensure(1);
        bytes[length++] = value;
    }

    private void writeInt(int value) {
        ensure(4);
        bytes[length] = (byte) (value >>> 24);
        bytes[length + 1] = (byte) (value >>> 16);
        bytes[length + 2] = (byte) (value >>> 8);
        bytes[length + 3] = (byte) value;
        length += 4;
    }

    private void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** Length (-1 for null), then the bytes. */
    private void writeBytes(byte[] value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    private void writeString(String value) {
        writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private static byte[] readBytes(ByteBuffer payload) {
        int size = payload.getInt();
        if (size < 0) {
            return null;
        }
        byte[] value = new byte[size];
        payload.get(value);
        return value;
    }

    private static String readString(ByteBuffer payload) {
        int size = payload.getInt();
        if (size < 0) {
            return null;
        }
        String value = new String(payload.array(), payload.arrayOffset() + payload.position(), size,
                StandardCharsets.UTF_8);
        payload.position(payload.position() + size);
        return value;
    }

    private static Integer readHttpStatus(ByteBuffer payload) {
        int status = payload.getInt();
        return status < 0 ? null : status;
    }
}
