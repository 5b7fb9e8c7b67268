package dev.otellab.benchmark;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;

/**
 * The ingest load's request bodies (the shape of ../shared/tools/otlp-load): OTLP protobuf export
 * requests of traces of 8 spans (a SERVER root and 7 CLIENT children, 10 attributes each) or of log
 * records (8 per trace id, 4 attributes). Bodies are encoded once; {@link Template#stamp} writes new
 * random trace and span ids into a copy, so every request carries new traces at almost no cost.
 */
public final class OtlpLoadPayloads {
    static final int SPANS_PER_TRACE = 8;
    private static final String[] ROUTES = {"/api/tasks", "/api/tasks/{id}", "/api/work", "/api/simulate-slow"};

    private OtlpLoadPayloads() {
    }

    /**
     * An encoded request, where each of its ids sits in it (an id may sit at several places), and
     * where its timestamps sit (fixed64 fields, little-endian).
     */
    public static final class Template {
        private final byte[] body;
        private final int[][] offsets;
        private final int[] lengths;
        private final long madeAt;
        private final long[] times;
        private final int[][] timeOffsets;

        private Template(byte[] body, List<byte[]> ids, long madeAt, Set<Long> times) {
            this.body = body;
            offsets = new int[ids.size()][];
            lengths = new int[ids.size()];
            for (int k = 0; k < ids.size(); k++) {
                lengths[k] = ids.get(k).length;
                offsets[k] = occurrences(body, ids.get(k));
            }
            this.madeAt = madeAt;
            this.times = times.stream().mapToLong(Long::longValue).toArray();
            timeOffsets = new int[this.times.length][];
            for (int k = 0; k < this.times.length; k++) {
                timeOffsets[k] = occurrences(body, littleEndian(this.times[k]));
            }
        }

        /** A copy of the body with new random ids (the same id gets the same new value everywhere). */
        public byte[] stamp(Random random) {
            byte[] out = body.clone();
            byte[] fresh = new byte[16];
            for (int k = 0; k < offsets.length; k++) {
                random.nextBytes(fresh);
                for (int at : offsets[k]) {
                    System.arraycopy(fresh, 0, out, at, lengths[k]);
                }
            }
            return out;
        }

        /**
         * Also with every time moved as if the template had been made at {@code sentAtNanos}, as an
         * exporter's spans and log records carry the time they happened.
         */
        public byte[] stampAt(Random random, long sentAtNanos) {
            byte[] out = stamp(random);
            long shift = sentAtNanos - madeAt;
            for (int k = 0; k < times.length; k++) {
                byte[] moved = littleEndian(times[k] + shift);
                for (int at : timeOffsets[k]) {
                    System.arraycopy(moved, 0, out, at, 8);
                }
            }
            return out;
        }

        int size() {
            return body.length;
        }
    }

    public static Template spans(Random random, int items) {
        List<byte[]> ids = new ArrayList<>();
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(scope());
        long now = System.currentTimeMillis() * 1_000_000L;
        Set<Long> times = new LinkedHashSet<>();
        ByteString trace = null;
        ByteString root = null;
        for (int i = 0; i < items; i++) {
            boolean isRoot = i % SPANS_PER_TRACE == 0;
            if (isRoot) {
                trace = ByteString.copyFrom(newId(random, 16, ids));
            }
            ByteString spanId = ByteString.copyFrom(newId(random, 8, ids));
            String route = ROUTES[random.nextInt(ROUTES.length)];
            long start = now + i * 1000L;
            long end = start + 1_000_000L + random.nextInt(50_000_000);
            times.add(start);
            times.add(end);
            Span.Builder span = Span.newBuilder().setTraceId(trace).setSpanId(spanId)
                    .setName(isRoot ? "GET " + route : "SELECT tasks " + (i % SPANS_PER_TRACE))
                    .setKind(isRoot ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(end)
                    .addAttributes(text("http.request.method", "GET"))
                    .addAttributes(text("http.route", route))
                    .addAttributes(text("url.path", route.replace("{id}", Integer.toString(random.nextInt(1000)))))
                    .addAttributes(number("http.response.status_code", random.nextInt(50) == 0 ? 500 : 200))
                    .addAttributes(text("server.address", "localhost"))
                    .addAttributes(number("server.port", 5000))
                    .addAttributes(text("db.system.name", "sqlite"))
                    .addAttributes(text("db.query.text", "SELECT * FROM tasks WHERE id = ?"))
                    .addAttributes(text("thread.name", "worker-" + random.nextInt(8)))
                    .addAttributes(number("task.id", random.nextInt(100_000)));
            if (isRoot) {
                root = spanId;
            } else {
                span.setParentSpanId(root);
            }
            scope.addSpans(span);
        }
        byte[] body = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource()).addScopeSpans(scope))
                .build().toByteArray();
        return new Template(body, ids, now, times);
    }

    public static Template logs(Random random, int items) {
        List<byte[]> ids = new ArrayList<>();
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(scope());
        long now = System.currentTimeMillis() * 1_000_000L;
        Set<Long> times = new LinkedHashSet<>();
        ByteString trace = null;
        for (int i = 0; i < items; i++) {
            if (i % SPANS_PER_TRACE == 0) {
                trace = ByteString.copyFrom(newId(random, 16, ids));
            }
            boolean error = random.nextInt(50) == 0;
            times.add(now + i * 1000L);
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(now + i * 1000L).setObservedTimeUnixNano(now + i * 1000L)
                    .setSeverityNumber(error ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText(error ? "ERROR" : "INFO")
                    .setTraceId(trace).setSpanId(ByteString.copyFrom(newId(random, 8, ids)))
                    .setBody(AnyValue.newBuilder().setStringValue("Request completed GET "
                            + ROUTES[random.nextInt(ROUTES.length)] + " status=" + (error ? 500 : 200)
                            + " duration_ms=" + random.nextInt(200)))
                    .addAttributes(text("http.request.method", "GET"))
                    .addAttributes(number("http.response.status_code", error ? 500 : 200))
                    .addAttributes(text("thread.name", "worker-" + random.nextInt(8)))
                    .addAttributes(text("logger.name", "lab.backend.Http")));
        }
        byte[] body = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource()).addScopeLogs(scope))
                .build().toByteArray();
        return new Template(body, ids, now, times);
    }

    private static byte[] newId(Random random, int length, List<byte[]> ids) {
        byte[] id = new byte[length];
        random.nextBytes(id);
        ids.add(id);
        return id;
    }

    private static byte[] littleEndian(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    private static int[] occurrences(byte[] body, byte[] id) {
        List<Integer> found = new ArrayList<>();
        search:
        for (int at = 0; at + id.length <= body.length; at++) {
            for (int i = 0; i < id.length; i++) {
                if (body[at + i] != id[i]) {
                    continue search;
                }
            }
            found.add(at);
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static InstrumentationScope scope() {
        return InstrumentationScope.newBuilder().setName("otlp-bench").setVersion("1").build();
    }

    private static Resource resource() {
        return Resource.newBuilder().addAttributes(text("service.name", "bench-svc"))
                .addAttributes(text("service.version", "1.0")).build();
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
