package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.embedded.EncodedBatch.LogRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trace_logs row: the first and the last id of a trace's records in one request (decision 0059). */
final class TraceLogRange {
    final byte[] traceId;
    final long firstId;
    long lastId;

    private TraceLogRange(byte[] traceId, long firstId) {
        this.traceId = traceId;
        this.firstId = firstId;
        this.lastId = firstId;
    }

    /** The ranges of one request's records, numbered from {@code firstId} in order; a record without a trace has none. */
    static List<TraceLogRange> of(List<LogRow> logs, long firstId) {
        Map<TraceKey, TraceLogRange> byTrace = new LinkedHashMap<>(); // in the order of their first records
        for (int i = 0; i < logs.size(); i++) {
            byte[] traceId = logs.get(i).traceId();
            if (traceId == null) {
                continue;
            }
            long id = firstId + i;
            byTrace.computeIfAbsent(new TraceKey(traceId), key -> new TraceLogRange(traceId, id)).lastId = id;
        }
        return new ArrayList<>(byTrace.values());
    }
}
