package dev.otellab.cli;

import dev.otellab.benchmark.IngestLoad;
import dev.otellab.benchmark.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console bench-ingest}: the ingest load (issue 13) against any OTLP/HTTP endpoint. */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = {"Send OTLP/HTTP protobuf load to any receiver (this console's, Tempo, Loki, a collector):"
                + " requests of 512 spans in traces of 8 (10 attributes each) or 512 log records, new ids in every"
                + " request, each sender waiting for its answer.",
                "Prints accepted items/s, errors, request p50/p99 and the target's resident memory"
                        + " (the process given by --pid, else the one listening on the URL's port)."})
final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The receiver: a base URL (http://127.0.0.1:4318, /v1/traces or /v1/logs is added)"
                    + " or the full path to post to.")
    String url;

    @Option(names = "--logs", description = "Send log records instead of spans.")
    boolean logs;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20", description = "Measured time (default: 20).")
    int seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "0",
            description = "Seconds of the same load first, not counted (default: 0).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Senders (default: 2).")
    int threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "512", description = "Items per request (default: 512).")
    int batch;

    @Option(names = "--current-times", description = "Move each request's timestamps to the time it is sent, as an"
            + " exporter's are (default: the templates' own, as ../shared/tools/otlp-load sends them).")
    boolean currentTimes;

    @Option(names = "--pid", paramLabel = "PID",
            description = "The target's process, for its resident memory (default: the one listening on the port).")
    Long pid;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI target;
        try {
            target = target();
        } catch (URISyntaxException | IllegalArgumentException e) {
            err.println("bench-ingest: --url must be an http:// URL, e.g. http://127.0.0.1:4318 (" + e.getMessage() + ")");
            return 2;
        }
        if (seconds < 1 || warmup < 0 || threads < 1 || batch < 8) {
            err.println("bench-ingest: --seconds and --threads must be at least 1, --warmup 0 or more, --batch 8 or more");
            return 2;
        }
        int port = target.getPort() > 0 ? target.getPort() : 80;
        Optional<Long> process = pid != null ? Optional.of(pid) : ProcessMemory.listeningOn(port);
        if (warmup > 0) {
            new IngestLoad(target, logs, threads, batch, Duration.ofSeconds(warmup), currentTimes).run(() -> -1);
        }
        IngestLoad.Result result = new IngestLoad(target, logs, threads, batch, Duration.ofSeconds(seconds), currentTimes)
                .run(() -> process.map(p -> ProcessMemory.residentBytes(p).orElse(-1)).orElse(-1L));
        out.printf(Locale.ROOT, "url=%s threads=%d batch=%d seconds=%.1f accepted_items=%d items_per_s=%.0f errors=%d"
                        + " req_p50_ms=%.1f req_p99_ms=%.1f pid=%s rss_max_mib=%s rss_end_mib=%s%n",
                result.url(), result.threads(), result.batch(), result.seconds(), result.acceptedItems(),
                result.itemsPerSecond(), result.errors(), result.p50Millis(), result.p99Millis(),
                process.map(String::valueOf).orElse("unknown"), mebibytes(result.maxResidentBytes()),
                mebibytes(result.endResidentBytes()));
        out.flush();
        return result.acceptedItems() > 0 ? 0 : 1;
    }

    private URI target() throws URISyntaxException {
        URI given = new URI(url);
        if (!"http".equals(given.getScheme()) || given.getHost() == null) {
            throw new IllegalArgumentException("got " + url);
        }
        String path = given.getPath() == null ? "" : given.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return given.resolve(logs ? "/v1/logs" : "/v1/traces");
        }
        return given;
    }

    private static String mebibytes(long bytes) {
        return bytes < 0 ? "unknown" : Long.toString(bytes / (1024 * 1024));
    }
}
