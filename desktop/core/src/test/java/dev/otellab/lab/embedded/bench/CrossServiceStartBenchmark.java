package dev.otellab.lab.embedded.bench;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.BackendJarLocator;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Not a test: Start of the embedded lab (receiver, lab-backend, lab-web) until the store holds a
 * trace whose lab-backend SERVER span has a lab-web parent, with the traffic generator started
 * as soon as Start returns (as the window's "Start traffic" would). Each run uses a new data
 * folder and free ports. Arguments: [runs, default 5]. The command is in docs/benchmarks.md.
 */
public final class CrossServiceStartBenchmark {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private CrossServiceStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<long[]> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long[] result = once();
            results.add(result);
            System.out.printf(Locale.ROOT, "run %d: Start to both services healthy %,d ms; to first cross-service trace"
                    + " in the store %,d ms%n", run, result[0], result[1]);
        }
        System.out.printf(Locale.ROOT, "median: healthy %,d ms, cross-service trace %,d ms%n",
                median(results, 0), median(results, 1));
    }

    private static long[] once() throws Exception {
        Path dir = Files.createTempDirectory("cross-service-bench");
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        try (EmbeddedLab lab = new EmbeddedLab(EmbeddedLabSettings.defaults(directories)
                .withReceiver(ReceiverSettings.anyFreePorts()).withBackendPort(0)
                .withBackendJar(BackendJarLocator.locate()))) {
            long start = System.nanoTime();
            lab.start();
            long healthy = System.nanoTime();
            Traffic traffic = lab.traffic().orElseThrow();
            traffic.start();
            while (!hasCrossServiceTrace(lab)) {
                if (System.nanoTime() - start > LIMIT.toNanos()) {
                    throw new IllegalStateException("no cross-service trace within " + LIMIT.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
            long visible = System.nanoTime();
            return new long[] {(healthy - start) / 1_000_000, (visible - start) / 1_000_000};
        }
    }

    private static boolean hasCrossServiceTrace(EmbeddedLab lab) {
        List<TraceSummary> found = lab.traces().search(TraceSearchCriteria.ANY.withService("lab-backend"),
                TimeRange.last(Duration.ofMinutes(5)), 20);
        for (TraceSummary summary : found) {
            Trace trace = lab.traces().trace(summary.id()).orElse(null);
            if (trace == null) {
                continue;
            }
            Map<String, Span> byId = trace.spans().stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
            boolean crosses = trace.spans().stream().anyMatch(span -> span.kind() == SpanKind.SERVER
                    && span.serviceName().equals("lab-backend")
                    && byId.containsKey(span.parentSpanId())
                    && byId.get(span.parentSpanId()).serviceName().equals("lab-web"));
            if (crosses) {
                return true;
            }
        }
        return false;
    }

    private static long median(List<long[]> results, int index) {
        List<Long> values = results.stream().map(result -> result[index]).sorted().toList();
        return values.get(values.size() / 2);
    }
}
