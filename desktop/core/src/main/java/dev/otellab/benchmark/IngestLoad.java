package dev.otellab.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sends the ingest load to an OTLP/HTTP endpoint: {@code threads} senders, each posting one request
 * at a time (as an exporter does) for the given time, every request with new ids. Uses the JDK's
 * HTTP client, as ../shared/tools/otlp-load does, so its figures compare with that driver's.
 */
public final class IngestLoad {
    /** Templates per sender: requests cycle through them, re-stamped with new ids each time. */
    private static final int TEMPLATES = 16;

    /** What a run measured; resident bytes are -1 when no process was given or found. */
    public record Result(URI url, int threads, int batch, double seconds, long acceptedItems, long errors,
                  double p50Millis, double p99Millis, long maxResidentBytes, long endResidentBytes) {
        public double itemsPerSecond() {
            return acceptedItems / seconds;
        }
    }

    private final URI url;
    private final boolean logs;
    private final int threads;
    private final int batch;
    private final Duration duration;
    private final boolean currentTimes;

    public IngestLoad(URI url, boolean logs, int threads, int batch, Duration duration) {
        this(url, logs, threads, batch, duration, false);
    }

    /**
     * With {@code currentTimes}, every request's timestamps are moved to the time it is sent (as an
     * exporter's are); otherwise they stay those of the templates, as ../shared/tools/otlp-load sends them.
     */
    public IngestLoad(URI url, boolean logs, int threads, int batch, Duration duration, boolean currentTimes) {
        this.url = url;
        this.logs = logs;
        this.threads = threads;
        this.batch = batch;
        this.duration = duration;
        this.currentTimes = currentTimes;
    }

    /** Runs the load; {@code residentBytes} is sampled every 100 ms (it returns -1 when unknown). */
    public Result run(LongSupplier residentBytes) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong startedAt = new AtomicLong();
        // The clock starts once every sender has its templates ready.
        CyclicBarrier ready = new CyclicBarrier(threads + 1, () -> startedAt.set(System.nanoTime()));
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> latencies = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = System.nanoTime() + t * 7919L;
            latencies.add(senders.submit(() -> send(http, new Random(seed), ready, startedAt, accepted, errors)));
        }
        ready.await();
        MemorySampler memory = new MemorySampler(residentBytes);
        memory.start();
        long[] all;
        try {
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> part : latencies) {
                parts.add(part.get());
            }
            all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        } finally {
            senders.shutdownNow();
            memory.stop();
        }
        double seconds = (System.nanoTime() - startedAt.get()) / 1e9;
        return new Result(url, threads, batch, seconds, accepted.get(), errors.get(),
                percentileMillis(all, 0.50), percentileMillis(all, 0.99), memory.max(), residentBytes.getAsLong());
    }

    private long[] send(HttpClient http, Random random, CyclicBarrier ready, AtomicLong startedAt,
                        AtomicLong accepted, AtomicLong errors) throws Exception {
        List<OtlpLoadPayloads.Template> templates = new ArrayList<>(TEMPLATES);
        for (int i = 0; i < TEMPLATES; i++) {
            templates.add(logs ? OtlpLoadPayloads.logs(random, batch) : OtlpLoadPayloads.spans(random, batch));
        }
        ready.await();
        long end = startedAt.get() + duration.toNanos();
        long[] latencies = new long[1024];
        int count = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            OtlpLoadPayloads.Template template = templates.get(i % TEMPLATES);
            byte[] body = currentTimes ? template.stampAt(random, System.currentTimeMillis() * 1_000_000L)
                    : template.stamp(random);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    accepted.addAndGet(batch);
                } else {
                    errors.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = System.nanoTime() - sent;
        }
        return Arrays.copyOf(latencies, count);
    }

    private static double percentileMillis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    /** The largest resident size seen while the load runs. */
    private static final class MemorySampler {
        private final LongSupplier residentBytes;
        private final AtomicLong max = new AtomicLong(-1);
        private final Thread thread;

        MemorySampler(LongSupplier residentBytes) {
            this.residentBytes = residentBytes;
            thread = new Thread(this::sample, "bench-rss-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void sample() {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(residentBytes.getAsLong(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        long max() {
            return max.get();
        }
    }
}
