package dev.otellab.telemetry.embedded.receiver.bench;

import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import com.google.protobuf.ByteString;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverEndpoints;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Throughput of the embedded OTLP receiver, end to end over loopback: pre-encoded
 * ExportTraceServiceRequest bodies of 512 spans with 10 attributes each are POSTed to /v1/traces
 * (java.net.http.HttpClient, HTTP/1.1) and exported over gRPC (grpc-java blocking stubs) by a
 * few concurrent clients for a fixed time after a warm-up. Clients and receiver share the JVM
 * and the machine's cores. Reports spans/s, request latency p50/p99 and heap use.
 *
 * <p>Run (from desktop/core/, see docs/benchmarks.md):
 * <pre>
 * ../../mvnw -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx512m -cp %classpath dev.otellab.telemetry.embedded.receiver.bench.ReceiverBenchmark"
 * </pre>
 * Options: {@code --seconds N} (20), {@code --warmup N} (5), {@code --clients N} (3),
 * {@code --protocol http|grpc|both|decode|all} (both; decode = parse and decode
 * on the client threads without any transport, all = the three), {@code --ingest-factory CLASS}: a class with a public
 * no-argument constructor implementing {@code Supplier<TelemetryIngest>}, to measure with a real
 * store instead of the default counting ingest (which completes every batch at once).
 */
public final class ReceiverBenchmark {
    static final int SPANS_PER_REQUEST = 512;
    static final int ATTRIBUTES_PER_SPAN = 10;
    private static final int DISTINCT_BODIES = 16;

    private ReceiverBenchmark() {
    }

    /** The default ingest: counts spans and completes at once (measures the receiver alone). */
    public static final class CountingIngest implements TelemetryIngest, Supplier<TelemetryIngest> {
        private final AtomicLong spans = new AtomicLong();

        @Override
        public CompletionStage<Void> accept(TelemetryBatch batch) {
            spans.addAndGet(batch.spans().size());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public TelemetryIngest get() {
            return new CountingIngest();
        }

        public long spans() {
            return spans.get();
        }
    }

    record Options(int seconds, int warmupSeconds, int clients, String protocol, String ingestFactory) {
        static Options parse(String[] args) {
            int seconds = 20;
            int warmup = 5;
            int clients = 3;
            String protocol = "both";
            String factory = CountingIngest.class.getName();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--protocol" -> protocol = value;
                    case "--ingest-factory" -> factory = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --seconds, --warmup, --clients, --protocol http|grpc|both|decode|all, --ingest-factory CLASS)");
                }
                i++;
            }
            return new Options(seconds, warmup, clients, protocol, factory);
        }
    }

    record Result(String protocol, int clients, double seconds, long requests, long spans, long p50Micros,
                  long p99Micros, long maxHeapUsedMiB, long heapAfterMiB, long heapMaxMiB, long errors) {
        double spansPerSecond() {
            return spans / seconds;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.1f | %.1f | %d | %d / %d | %d |",
                    protocol, clients, spansPerSecond(), requests / seconds, p50Micros / 1000.0, p99Micros / 1000.0,
                    maxHeapUsedMiB, heapAfterMiB, heapMaxMiB, errors);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        @SuppressWarnings("unchecked")
        Supplier<TelemetryIngest> factory = (Supplier<TelemetryIngest>) Class.forName(options.ingestFactory())
                .getDeclaredConstructor().newInstance();
        PrintStream out = System.out;
        out.println(machineFacts());
        out.printf(Locale.ROOT, "%d bodies of %d spans x %d attributes, %,d bytes each on average; %d s warm-up, %d s measured%n",
                DISTINCT_BODIES, SPANS_PER_REQUEST, ATTRIBUTES_PER_SPAN, averageSize(bodies()), options.warmupSeconds(),
                options.seconds());
        out.println("| protocol | clients | spans/s | requests/s | p50 ms | p99 ms | max heap used MiB | heap after GC / max MiB | errors |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> protocols = switch (options.protocol()) {
            case "both" -> List.of("http", "grpc");
            case "all" -> List.of("http", "grpc", "decode");
            default -> List.of(options.protocol());
        };
        for (String protocol : protocols) {
            Result result = run(protocol, options, factory);
            out.println(result.row());
        }
    }

    static Result run(String protocol, Options options, Supplier<TelemetryIngest> factory) throws Exception {
        List<byte[]> bodies = bodies();
        TelemetryIngest ingest = factory.get();
        try (OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest)) {
            ReceiverEndpoints endpoints = receiver.start();
            Client client = switch (protocol) {
                case "grpc" -> new GrpcClient(endpoints, bodies);
                case "http" -> new HttpClientDriver(endpoints, bodies);
                case "decode" -> new DecodeOnly(bodies, ingest);
                default -> throw new IllegalArgumentException("unknown protocol " + protocol + " (http, grpc or decode)");
            };
            try {
                drive(client, options.clients(), options.warmupSeconds(), null);
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                memory.gc();
                Measurement measurement = new Measurement();
                long started = System.nanoTime();
                drive(client, options.clients(), options.seconds(), measurement);
                double seconds = (System.nanoTime() - started) / 1e9;
                memory.gc();
                long heapAfter = memory.getHeapMemoryUsage().getUsed() >> 20;
                long[] latencies = measurement.latencies();
                Arrays.sort(latencies);
                return new Result(protocol, options.clients(), seconds, latencies.length,
                        (long) latencies.length * SPANS_PER_REQUEST, percentile(latencies, 0.50) / 1000,
                        percentile(latencies, 0.99) / 1000, measurement.maxHeapUsed.get() >> 20, heapAfter,
                        memory.getHeapMemoryUsage().getMax() >> 20, measurement.errors.get());
            } finally {
                client.close();
            }
        }
    }

    /** Runs {@code clients} threads sending back to back for {@code seconds}; records latencies when measuring. */
    private static void drive(Client client, int clients, int seconds, Measurement measurement) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                int next = offset;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    boolean ok = client.send(next++ % DISTINCT_BODIES);
                    long elapsed = System.nanoTime() - start;
                    if (measurement != null) {
                        if (!ok) {
                            measurement.errors.incrementAndGet();
                            continue;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = elapsed;
                        if ((count & 15) == 0) {
                            measurement.sampleHeap();
                        }
                    }
                }
                if (measurement != null) {
                    measurement.add(Arrays.copyOf(latencies, count));
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Pre-encoded request bodies: 512 spans each, 10 attributes per span (strings, ints, a double, a bool). */
    static List<byte[]> bodies() {
        Random random = new Random(7);
        List<byte[]> bodies = new ArrayList<>(DISTINCT_BODIES);
        Resource resource = Resource.newBuilder()
                .addAttributes(string("service.name", "lab-backend"))
                .addAttributes(string("telemetry.sdk.language", "java"))
                .build();
        String[] routes = {"/api/tasks", "/api/tasks/{id}", "/health", "/api/simulate-slow"};
        for (int b = 0; b < DISTINCT_BODIES; b++) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc").setVersion("2.31.1"));
            for (int s = 0; s < SPANS_PER_REQUEST; s++) {
                byte[] traceId = new byte[16];
                byte[] spanId = new byte[8];
                byte[] parentId = new byte[8];
                random.nextBytes(traceId);
                random.nextBytes(spanId);
                random.nextBytes(parentId);
                String route = routes[random.nextInt(routes.length)];
                long start = 1_795_593_102_427_616_856L + random.nextInt(1_000_000_000);
                scope.addSpans(Span.newBuilder()
                        .setTraceId(ByteString.copyFrom(traceId))
                        .setSpanId(ByteString.copyFrom(spanId))
                        .setParentSpanId(ByteString.copyFrom(parentId))
                        .setName("SELECT tasks")
                        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                        .setStartTimeUnixNano(start)
                        .setEndTimeUnixNano(start + random.nextInt(50_000_000))
                        .addAttributes(string("db.system", "sqlite"))
                        .addAttributes(string("db.name", "tasks.db"))
                        .addAttributes(string("db.operation", "SELECT"))
                        .addAttributes(string("db.statement", "SELECT id, title, done FROM tasks WHERE id = ?"))
                        .addAttributes(string("http.route", route))
                        .addAttributes(string("thread.name", "http-nio-8080-exec-" + random.nextInt(10)))
                        .addAttributes(integer("thread.id", 40 + random.nextInt(10)))
                        .addAttributes(integer("db.rows", random.nextInt(100)))
                        .addAttributes(KeyValue.newBuilder().setKey("db.cost")
                                .setValue(AnyValue.newBuilder().setDoubleValue(random.nextDouble())))
                        .addAttributes(KeyValue.newBuilder().setKey("db.cached")
                                .setValue(AnyValue.newBuilder().setBoolValue(random.nextBoolean()))));
            }
            bodies.add(ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                    .build().toByteArray());
        }
        return bodies;
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static long averageSize(List<byte[]> bodies) {
        long total = 0;
        for (byte[] body : bodies) {
            total += body.length;
        }
        return total / bodies.size();
    }

    public static String machineFacts() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            cpu = "unknown CPU (" + e.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "machine: %d cores (nproc), %s, %.1f GiB RAM; JDK %s (%s); heap max %d MiB",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static final class Measurement {
        private final List<long[]> perClient = new ArrayList<>();
        private final AtomicLong maxHeapUsed = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        void sampleHeap() {
            maxHeapUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        synchronized void add(long[] latencies) {
            perClient.add(latencies);
        }

        synchronized long[] latencies() {
            return perClient.stream().flatMapToLong(Arrays::stream).toArray();
        }
    }

    private interface Client extends AutoCloseable {
        boolean send(int body);

        @Override
        void close();
    }

    private static final class HttpClientDriver implements Client {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final List<HttpRequest> requests = new ArrayList<>();

        HttpClientDriver(ReceiverEndpoints endpoints, List<byte[]> bodies) {
            URI uri = URI.create(endpoints.httpUrl() + "/v1/traces");
            for (byte[] body : bodies) {
                requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            }
        }

        @Override
        public boolean send(int body) {
            try {
                return client.send(requests.get(body), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            // java.net.http.HttpClient has no close() on Java 17; its threads end with the JVM.
        }
    }

    /** No transport: parse + decode + accept on the client threads, to see the decoder's own cost. */
    private static final class DecodeOnly implements Client {
        private final List<byte[]> bodies;
        private final TelemetryIngest ingest;

        DecodeOnly(List<byte[]> bodies, TelemetryIngest ingest) {
            this.bodies = bodies;
            this.ingest = ingest;
        }

        @Override
        public boolean send(int body) {
            try {
                DecodedRequest decoded = OtlpDecoder.traces(ExportTraceServiceRequest.parseFrom(bodies.get(body)));
                ingest.accept(decoded.batch()).toCompletableFuture().join();
                return decoded.batch().spans().size() == SPANS_PER_REQUEST;
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return false;
            }
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private static final class GrpcClient implements Client {
        private final ManagedChannel channel;
        private final TraceServiceGrpc.TraceServiceBlockingStub stub;
        private final List<ExportTraceServiceRequest> requests = new ArrayList<>();

        GrpcClient(ReceiverEndpoints endpoints, List<byte[]> bodies) throws Exception {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext()
                    .maxInboundMessageSize(16 << 20).build();
            stub = TraceServiceGrpc.newBlockingStub(channel);
            for (byte[] body : bodies) {
                requests.add(ExportTraceServiceRequest.parseFrom(body));
            }
        }

        @Override
        public boolean send(int body) {
            try {
                stub.withDeadlineAfter(30, TimeUnit.SECONDS).export(requests.get(body));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }
}
