package dev.otellab.telemetry.embedded.bench;

import dev.otellab.telemetry.model.TraceId;
import com.google.protobuf.ByteString;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverEndpoints;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole embedded ingest path: real OTLP/HTTP protobuf requests of 512 spans (10 attributes
 * each, 10 spans per trace) over loopback into the receiver, decoded and committed by the real
 * SQLite store. Every request carries new trace and span ids (the store ignores repeats), made by
 * patching the ids of one pre-encoded template so the client costs little CPU. Then measures
 * freshness: the time from sending a span until its trace is readable by id.
 *
 * <p>Run from desktop/core/: {@code ../../mvnw -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.executable=java -Dexec.args="-Xmx512m -cp %classpath
 * dev.otellab.telemetry.embedded.bench.IngestEndToEndBenchmark [seconds] [clients] [warm-up seconds]"}
 */
public final class IngestEndToEndBenchmark {
    private static final int SPANS_PER_REQUEST = 512;
    private static final int SPANS_PER_TRACE = 10;
    private static final int FRESHNESS_SAMPLES = 200;

    private IngestEndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("ingest-bench");
        System.out.println(dev.otellab.telemetry.embedded.receiver.bench.ReceiverBenchmark.machineFacts());
        Template template = Template.build();
        System.out.printf(Locale.ROOT, "requests of %d spans x 10 attributes (%d traces each), %,d bytes; %d clients; %d s measured after %d s warm-up%n",
                SPANS_PER_REQUEST, SPANS_PER_REQUEST / SPANS_PER_TRACE, template.bytes.length, clients, seconds, warmUp);
        try (TelemetryStore store = TelemetryStore.open(dir);
             OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store)) {
            ReceiverEndpoints endpoints = receiver.start();
            URI traces = URI.create(endpoints.httpUrl() + "/v1/traces");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong sequence = new AtomicLong();

            drive(http, traces, template, sequence, clients, warmUp, null);
            long[] latencies = new long[0];
            AtomicLong maxHeap = new AtomicLong();
            List<long[]> perClient = new ArrayList<>();
            AtomicLong clientCpu = new AtomicLong();
            long startSpans = sequence.get() * SPANS_PER_REQUEST;
            ThreadCpu cpuBefore = ThreadCpu.now();
            long started = System.nanoTime();
            drive(http, traces, template, sequence, clients, seconds, new Sink(perClient, maxHeap, clientCpu));
            double elapsed = (System.nanoTime() - started) / 1e9;
            long spans = sequence.get() * SPANS_PER_REQUEST - startSpans;
            ThreadCpu cpu = ThreadCpu.now().minus(cpuBefore).plus("clients", clientCpu.get());
            for (long[] part : perClient) {
                int offset = latencies.length;
                latencies = Arrays.copyOf(latencies, offset + part.length);
                System.arraycopy(part, 0, latencies, offset, part.length);
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "ingest: %,.0f spans/s; request p50 %.1f ms, p99 %.1f ms; max heap used %d MiB%n",
                    spans / elapsed, percentile(latencies, 0.5) / 1e6, percentile(latencies, 0.99) / 1e6, maxHeap.get() >> 20);
            System.out.println(cpu.describe("span", spans));

            long[] freshness = new long[FRESHNESS_SAMPLES];
            for (int i = 0; i < FRESHNESS_SAMPLES; i++) {
                byte[] traceId = new byte[16];
                ByteBuffer.wrap(traceId).putLong(0xF8E5L << 48 | i).putLong(System.nanoTime());
                byte[] body = single(traceId);
                long sent = System.nanoTime();
                int status = http.send(HttpRequest.newBuilder(traces).header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("receiver answered " + status);
                }
                TraceId id = TraceId.fromBytes(traceId);
                while (store.traces().trace(id).isEmpty()) {
                    Thread.onSpinWait();
                }
                freshness[i] = System.nanoTime() - sent;
            }
            Arrays.sort(freshness);
            System.out.printf(Locale.ROOT, "export to readable by id: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                    percentile(freshness, 0.5) / 1e6, percentile(freshness, 0.99) / 1e6,
                    freshness[freshness.length - 1] / 1e6, FRESHNESS_SAMPLES);
            long stored = sequence.get() * SPANS_PER_REQUEST + FRESHNESS_SAMPLES;
            System.out.printf(Locale.ROOT, "store file: %,d bytes used for %,d spans = %.0f bytes per span%n",
                    store.size().usedBytes(), stored, (double) store.size().usedBytes() / stored);
        } finally {
            deleteStore(dir); // a run leaves a few hundred megabytes
        }
    }

    private static void deleteStore(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) { // the store file, its WAL and the journal's folder
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private record Sink(List<long[]> perClient, AtomicLong maxHeap, AtomicLong cpuNanos) {
    }

    private static void drive(HttpClient http, URI uri, Template template, AtomicLong sequence, int clients,
                              int seconds, Sink sink) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                long[] latencies = new long[256];
                int count = 0;
                var memory = ManagementFactory.getMemoryMXBean();
                while (System.nanoTime() < deadline) {
                    byte[] body = template.withSequence(sequence.incrementAndGet());
                    long start = System.nanoTime();
                    try {
                        int status = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-protobuf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("receiver answered " + status);
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (sink != null) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - start;
                        sink.maxHeap().accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                }
                if (sink != null) {
                    sink.cpuNanos().addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    synchronized (sink.perClient()) {
                        sink.perClient().add(Arrays.copyOf(latencies, count));
                    }
                }
            }, "ingest-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static byte[] single(byte[] traceId) {
        long now = System.currentTimeMillis() * 1_000_000;
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(string("service.name", "freshness-probe")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()
                        .setTraceId(ByteString.copyFrom(traceId))
                        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                        .setName("GET /probe").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                        .setStartTimeUnixNano(now).setEndTimeUnixNano(now + 1_000_000))))
                .build().toByteArray();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    /**
     * One encoded request and where its trace ids and timestamps sit, to stamp new values cheaply.
     * Like a real exporter's, every request carries random-looking trace ids (so the trace id
     * indexes take inserts all over, as they would) and start/end times near the current clock
     * (so time-ordered indexes grow at their end, as they would).
     */
    static final class Template {
        final byte[] bytes;
        /** Per trace, the offsets of its 16-byte trace id in the request (one per span). */
        private final int[][] traceIdOffsets;
        /** Offsets of every span's start and end time (fixed64, little-endian). */
        private final int[] timeOffsets;
        private final long builtAtNanos;

        private Template(byte[] bytes, int[][] traceIdOffsets, int[] timeOffsets, long builtAtNanos) {
            this.bytes = bytes;
            this.traceIdOffsets = traceIdOffsets;
            this.timeOffsets = timeOffsets;
            this.builtAtNanos = builtAtNanos;
        }

        /** A copy with new trace ids derived from {@code sequence} and times shifted to now. */
        byte[] withSequence(long sequence) {
            byte[] copy = bytes.clone();
            ByteBuffer big = ByteBuffer.wrap(copy);
            for (int trace = 0; trace < traceIdOffsets.length; trace++) {
                long high = mix(sequence * traceIdOffsets.length + trace);
                long low = mix(high);
                for (int offset : traceIdOffsets[trace]) {
                    big.putLong(offset, high);
                    big.putLong(offset + 8, low);
                }
            }
            ByteBuffer little = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
            long shift = System.currentTimeMillis() * 1_000_000 - builtAtNanos;
            for (int offset : timeOffsets) {
                little.putLong(offset, little.getLong(offset) + shift);
            }
            return copy;
        }

        /** SplitMix64's finalizer: consecutive inputs give unrelated-looking outputs. */
        private static long mix(long value) {
            long z = value + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        static Template build() {
            Random random = new Random(11);
            List<byte[]> ids = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            long now = System.currentTimeMillis() * 1_000_000;
            String[] routes = {"/api/tasks", "/api/tasks/{id}", "/api/simulate-slow", "/api/work"};
            ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("bench").setVersion("1"));
            byte[] traceId = null;
            byte[] rootId = null;
            for (int s = 0; s < SPANS_PER_REQUEST; s++) {
                boolean root = s % SPANS_PER_TRACE == 0;
                if (root) {
                    traceId = randomId(random, 16);
                    rootId = randomId(random, 8);
                    ids.add(traceId);
                }
                byte[] spanId = root ? rootId : randomId(random, 8);
                long start = now + random.nextInt(1_000_000_000);
                long end = start + random.nextInt(50_000_000);
                times.add(start);
                times.add(end);
                String route = routes[random.nextInt(routes.length)];
                Span.Builder span = Span.newBuilder()
                        .setTraceId(ByteString.copyFrom(traceId))
                        .setSpanId(ByteString.copyFrom(spanId))
                        .setName(root ? "GET " + route : "SELECT tasks")
                        .setKind(root ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
                        .setStartTimeUnixNano(start)
                        .setEndTimeUnixNano(end)
                        .addAttributes(string("http.route", route))
                        .addAttributes(integer("http.response.status_code", random.nextInt(50) == 0 ? 500 : 200))
                        .addAttributes(string("db.system.name", "sqlite"))
                        .addAttributes(string("db.query.text", "SELECT id, title FROM tasks WHERE id = ?"))
                        .addAttributes(string("server.address", "127.0.0.1"))
                        .addAttributes(integer("server.port", 5000))
                        .addAttributes(string("thread.name", "worker-" + random.nextInt(10)))
                        .addAttributes(integer("db.rows", random.nextInt(100)))
                        .addAttributes(KeyValue.newBuilder().setKey("cost")
                                .setValue(AnyValue.newBuilder().setDoubleValue(random.nextDouble())))
                        .addAttributes(KeyValue.newBuilder().setKey("cached")
                                .setValue(AnyValue.newBuilder().setBoolValue(random.nextBoolean())));
                if (!root) {
                    span.setParentSpanId(ByteString.copyFrom(rootId));
                }
                scope.addSpans(span);
            }
            byte[] bytes = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                            .setResource(Resource.newBuilder().addAttributes(string("service.name", "bench-svc")))
                            .addScopeSpans(scope)).build().toByteArray();
            int[][] traceIdOffsets = new int[ids.size()][];
            for (int trace = 0; trace < ids.size(); trace++) {
                traceIdOffsets[trace] = occurrences(bytes, ids.get(trace));
            }
            int[] timeOffsets = times.stream().distinct().flatMapToInt(time -> Arrays.stream(occurrences(bytes,
                    littleEndian(time)))).toArray();
            if (timeOffsets.length != times.size()) {
                throw new IllegalStateException("the template's times are not all unique: " + timeOffsets.length);
            }
            return new Template(bytes, traceIdOffsets, timeOffsets, now);
        }

        /** The bytes of a fixed64 protobuf field's value. */
        private static byte[] littleEndian(long value) {
            return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        }

        private static int[] occurrences(byte[] haystack, byte[] needle) {
            List<Integer> found = new ArrayList<>();
            int from = 0;
            int at;
            while ((at = indexOf(haystack, needle, from)) >= 0) {
                found.add(at);
                from = at + needle.length;
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        }

        private static byte[] randomId(Random random, int length) {
            byte[] id = new byte[length];
            random.nextBytes(id);
            return id;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
