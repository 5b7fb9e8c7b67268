package dev.otellab.telemetry.embedded.bench;

import dev.otellab.benchmark.OtlpLoadPayloads;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionStage;

/**
 * The store's writer alone: issue 13's load ({@link OtlpLoadPayloads}: requests of 512 spans in
 * traces of 8 with 10 attributes, or 512 log records, new ids in every request) decoded in process by the
 * store's own decoder and handed to the store as fast as it takes them, journaled as the receiver
 * does. Prints items/s and the writer thread's CPU per item after an 8 s warm-up: the part of the
 * receiver's cost that a change of the tables or indexes moves (decision 0059).
 *
 * <p>Run from desktop/core/: {@code ../../mvnw -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.executable=java -Dexec.args="-Xmx512m -XX:+UseG1GC -cp %classpath
 * dev.otellab.telemetry.embedded.bench.StoreWriterBenchmark spans|logs [seconds]"}
 */
public final class StoreWriterBenchmark {
    private static final long WARM_UP_NANOS = 8_000_000_000L;
    private static final int ITEMS_PER_REQUEST = 512;
    /** Templates per run, as the shared driver has 16 per sender: their times come back every 16 requests. */
    private static final int TEMPLATES = 16;

    private StoreWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean logs = args.length > 0 && args[0].equals("logs");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.println(dev.otellab.telemetry.embedded.receiver.bench.ReceiverBenchmark.machineFacts());
        Random random = new Random(42);
        List<OtlpLoadPayloads.Template> templates = new ArrayList<>();
        for (int i = 0; i < TEMPLATES; i++) {
            templates.add(logs ? OtlpLoadPayloads.logs(random, ITEMS_PER_REQUEST)
                    : OtlpLoadPayloads.spans(random, ITEMS_PER_REQUEST));
        }
        try (TelemetryStore store = TelemetryStore.open(Files.createTempDirectory("writer-bench"))) {
            long writer = writerThreadId();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            feed(store, logs, templates, random, System.nanoTime() + WARM_UP_NANOS);
            long cpuBefore = threads.getThreadCpuTime(writer);
            long started = System.nanoTime();
            long items = feed(store, logs, templates, random, started + seconds * 1_000_000_000L);
            while (store.queuedItems() > 0) {
                Thread.sleep(5);
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            double cpuMicros = (threads.getThreadCpuTime(writer) - cpuBefore) / 1e3;
            System.out.printf(Locale.ROOT, "%s: %,d items in %.1f s = %,.0f/s; writer %.2f us/item (busy %.0f%%)%n",
                    logs ? "log records" : "spans", items, wallSeconds, items / wallSeconds, cpuMicros / items,
                    cpuMicros / 1e4 / wallSeconds);
        }
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("telemetry-store-writer"))
                .findFirst().orElseThrow().getId();
    }

    /** Decodes and stores new requests one after the other until {@code until}; returns the items stored. */
    private static long feed(TelemetryStore store, boolean logs, List<OtlpLoadPayloads.Template> templates,
                             Random random, long until) throws Exception {
        long items = 0;
        for (int request = 0; System.nanoTime() < until; request++) {
            byte[] body = templates.get(request % templates.size()).stamp(random);
            TelemetryBatch batch = (logs ? store.otlpDecoder().logs(body) : store.otlpDecoder().traces(body)).batch();
            store(store, batch).toCompletableFuture().join();
            items += batch.size();
        }
        return items;
    }

    /** Like the receiver: waits while the store says so, then hands the batch to its journal. */
    private static CompletionStage<Void> store(TelemetryStore store, TelemetryBatch batch) throws InterruptedException {
        while (true) {
            if (store.saturation().isEmpty()) {
                try {
                    return store.acceptDurably(batch);
                } catch (StoreSaturatedException e) {
                    // full after all: wait as below
                }
            }
            Thread.sleep(1);
        }
    }
}
