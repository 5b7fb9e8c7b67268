package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static dev.otellab.telemetry.embedded.TestTelemetry.at;
import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM ingests batches as fast as it can and prints "acked N" when batch N's stage
 * completes; the test kills it with SIGKILL mid-stream and checks every acknowledged batch is in
 * the store afterwards: through {@code accept} (acknowledged after the commit) and through
 * {@code acceptDurably} (acknowledged once in the journal, replayed by the next open).
 */
class CrashDurabilityTest {
    private static final int SPANS_PER_BATCH = 50;
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    /** The child process: ingests batch after batch (several in flight) until it is killed. */
    public static void main(String[] args) {
        Path storeDir = Path.of(args[0]);
        boolean journaled = args[1].equals("journaled");
        TelemetryStore store = TelemetryStore.open(storeDir);
        Semaphore inFlight = new Semaphore(8);
        for (int n = 1; ; n++) {
            int batch = n;
            inFlight.acquireUninterruptibly();
            while (true) {
                try {
                    TelemetryBatch spans = TelemetryBatch.ofSpans(batch(batch));
                    (journaled ? store.acceptDurably(spans) : store.accept(spans)).whenComplete((ok, failure) -> {
                        if (failure == null) {
                            synchronized (System.out) {
                                System.out.println("acked " + batch);
                                System.out.flush();
                            }
                        }
                        inFlight.release();
                    });
                    break;
                } catch (StoreSaturatedException e) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    static List<Span> batch(int n) {
        List<Span> spans = new ArrayList<>(SPANS_PER_BATCH);
        for (int i = 1; i <= SPANS_PER_BATCH; i++) {
            spans.add(span(traceId(n), spanId(i), i == 1 ? "" : spanId(1), "tasks", "span " + i, SpanKind.INTERNAL,
                    at(n) + i, 1, StatusCode.UNSET, Map.of("batch", (long) n, "payload", "p".repeat(100))));
        }
        return spans;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hung child must not hang the build
    void everyBatchAcknowledgedAfterItsCommitSurvivesAKill9() throws Exception {
        everyAcknowledgedBatchSurvivesAKill9("committed");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBatchAcknowledgedFromTheJournalSurvivesAKill9() throws Exception {
        everyAcknowledgedBatchSurvivesAKill9("journaled");
    }

    private void everyAcknowledgedBatchSurvivesAKill9(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path errors = dir.resolve("child-stderr.txt");
        Path storeDir = dir.resolve("store");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashDurabilityTest.class.getName(), storeDir.toString(), mode)
                .redirectError(errors.toFile())
                .start();
        Set<Integer> acked = new TreeSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = lines.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acked.add(Integer.parseInt(line.substring("acked ".length())));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).as("acks before the kill; child stderr: %s", read(errors)).hasSize(ACKS_BEFORE_KILL);

        try (TelemetryStore store = TelemetryStore.open(storeDir)) {
            for (int n : acked) {
                Trace trace = store.traces().trace(TraceId.parse(traceId(n))).orElseThrow(
                        () -> new AssertionError("acknowledged batch " + n + " is missing"));
                assertThat(trace.spans()).hasSize(SPANS_PER_BATCH);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
