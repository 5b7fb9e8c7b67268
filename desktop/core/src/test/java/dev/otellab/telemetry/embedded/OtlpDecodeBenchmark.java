package dev.otellab.telemetry.embedded;

import com.sun.management.ThreadMXBean;
import dev.otellab.benchmark.OtlpLoadPayloads;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;

/**
 * CPU time and allocation per item of turning issue 13's request bodies (bench-ingest's load: 512
 * spans in traces of 8 with 10 attributes, or 512 log records, new ids per body) into the store's
 * rows: through protobuf-java, OtlpDecoder and EncodedBatch.of (the domain path), and through
 * OtlpRowDecoder. One thread, thread CPU time, so a crowded machine changes it little
 * (docs/benchmarks.md, "Ingest hot path (issue 13, ingest branch)"). Argument: spans or logs.
 */
public final class OtlpDecodeBenchmark {
    private static final int REQUESTS_PER_ROUND = 3_000;

    private OtlpDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean logs = args.length > 0 && args[0].equals("logs");
        OtlpLoadPayloads.Template template = logs ? OtlpLoadPayloads.logs(new Random(1), 512)
                : OtlpLoadPayloads.spans(new Random(1), 512);
        Random random = new Random(2);
        byte[][] bodies = new byte[64][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = template.stamp(random);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int round = 1; round <= 6; round++) {
            long domainNanos = 0;
            long rowNanos = 0;
            long domainBytes = 0;
            long rowBytes = 0;
            long items = 0;
            for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
                byte[] body = bodies[i % bodies.length];
                long allocated = threads.getThreadAllocatedBytes(thread);
                long cpu = threads.getCurrentThreadCpuTime();
                DecodedRequest domain = logs ? OtlpBodyDecoder.DOMAIN.logs(body) : OtlpBodyDecoder.DOMAIN.traces(body);
                EncodedBatch viaDomain = EncodedBatch.of(domain.batch());
                long cpuAfterDomain = threads.getCurrentThreadCpuTime();
                long allocatedAfterDomain = threads.getThreadAllocatedBytes(thread);
                DecodedRequest rows = logs ? OtlpRowDecoder.WITH_DOMAIN_FALLBACK.logs(body)
                        : OtlpRowDecoder.WITH_DOMAIN_FALLBACK.traces(body);
                long cpuAfterRows = threads.getCurrentThreadCpuTime();
                long allocatedAfterRows = threads.getThreadAllocatedBytes(thread);
                if (!(rows.batch().prepared() instanceof EncodedBatch direct) || direct.size() != viaDomain.size()) {
                    throw new IllegalStateException("The row decoder did not cover the load's request");
                }
                domainNanos += cpuAfterDomain - cpu;
                rowNanos += cpuAfterRows - cpuAfterDomain;
                domainBytes += allocatedAfterDomain - allocated;
                rowBytes += allocatedAfterRows - allocatedAfterDomain;
                items += direct.size();
            }
            System.out.printf(Locale.ROOT, "round %d (%s): domain path %.2f us, %d B; row decoder %.2f us, %d B per item%n",
                    round, logs ? "logs" : "spans", domainNanos / 1e3 / items, domainBytes / items,
                    rowNanos / 1e3 / items, rowBytes / items);
        }
    }
}
