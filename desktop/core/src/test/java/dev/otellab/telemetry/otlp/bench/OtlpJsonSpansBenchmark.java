package dev.otellab.telemetry.otlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.config.Json;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.otlp.OtlpJsonSpans;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading one recorded Tempo answer (the failing rich trace, 4 spans) into spans, A/B in one
 * loop: the path the Tempo client used before decision 0045 (tree printed again, protobuf's
 * JsonFormat, the receiver's OtlpDecoder) against OtlpJsonSpans. Both start from the answer's
 * text. Rerun: docs/benchmarks.md, section "Tempo answers without the receiver's decoder".
 */
public final class OtlpJsonSpansBenchmark {
    private static final int RUNS = 20_000;
    private static final int ROUNDS = 3;

    private OtlpJsonSpansBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String answer;
        try (InputStream in = OtlpJsonSpansBenchmark.class.getResourceAsStream("/fixtures/tempo-2.7.2/rich-trace-by-id-error.json")) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectMapper json = Json.mapper();
        System.out.printf("cores=%d java=%s load=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());
        for (int round = 1; round <= ROUNDS; round++) {
            long[] receiverPath = new long[RUNS];
            long[] oneTree = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                ObjectNode request = json.createObjectNode();
                request.set("resourceSpans", json.readTree(answer).get("batches"));
                int before = OtlpDecoder.traces(OtlpJsonParser.traces(request.toString().getBytes(StandardCharsets.UTF_8)))
                        .batch().spans().size();
                long middle = System.nanoTime();
                JsonNode tree = json.readTree(answer);
                int after = OtlpJsonSpans.read(tree.get("batches")).size();
                long end = System.nanoTime();
                if (before != after) {
                    throw new IllegalStateException(before + " spans before, " + after + " after");
                }
                receiverPath[i] = middle - start;
                oneTree[i] = end - middle;
            }
            System.out.printf("round %d: receiver's path p50 %.1f µs p99 %.1f µs | OtlpJsonSpans p50 %.1f µs p99 %.1f µs%n",
                    round, percentile(receiverPath, 50), percentile(receiverPath, 99), percentile(oneTree, 50),
                    percentile(oneTree, 99));
        }
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1_000.0;
    }
}
