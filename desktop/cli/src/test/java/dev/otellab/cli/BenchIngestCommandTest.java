package dev.otellab.cli;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code lab-console bench-ingest} against the real receiver and store of this process. */
class BenchIngestCommandTest {
    private static final Pattern ACCEPTED = Pattern.compile("accepted_items=(\\d+) ");

    @TempDir
    Path storeDir;

    private static CliRun bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabConsole.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static long accepted(CliRun run) {
        Matcher matcher = ACCEPTED.matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void spansWithNewIdsInEveryRequestAreStoredAndTheListeningProcessIsMeasured() {
        try (TelemetryStore store = TelemetryStore.open(storeDir);
             OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store)) {
            receiver.start();

            CliRun run = bench("bench-ingest", "--url", receiver.endpoints().httpUrl(), "--seconds", "1",
                    "--threads", "1", "--batch", "64");

            assertThat(run.exitCode()).as(run.err()).isZero();
            long accepted = accepted(run);
            assertThat(accepted).isPositive().isEqualTo(receiver.stats().acceptedSpans());
            // 64 spans per request in traces of 8: every request's traces are new ones. Acknowledged once
            // journaled, they are in the tables once the writer has caught up (decisions 0053, 0056).
            TimeRange range = TimeRange.last(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    store.traces().search(TraceSearchCriteria.ANY, range, 100_000)).hasSize((int) (accepted / 8)));
            assertThat(run.out()).contains("/v1/traces", "errors=0", "pid=" + ProcessHandle.current().pid())
                    .containsPattern("req_p99_ms=\\d+\\.\\d pid=\\d+ rss_max_mib=\\d+ rss_end_mib=\\d+");
        }
    }

    @Test
    void logRecordsGoToTheLogsPath() {
        try (TelemetryStore store = TelemetryStore.open(storeDir);
             OtlpReceiver receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store)) {
            receiver.start();

            CliRun run = bench("bench-ingest", "--url", receiver.endpoints().httpUrl() + "/", "--logs",
                    "--seconds", "1", "--threads", "1", "--batch", "16", "--pid", "1");

            assertThat(run.exitCode()).as(run.err()).isZero();
            long accepted = accepted(run);
            assertThat(accepted).isPositive();
            TimeRange range = TimeRange.last(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(store.logs().query(LogFilter.ALL, range, 1_000_000, QueryDirection.NEWEST_FIRST))
                            .hasSize((int) accepted));
            assertThat(run.out()).contains("/v1/logs", "pid=1 ");
        }
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        CliRun run = bench("bench-ingest", "--url", "localhost:4318");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("bench-ingest: --url must be an http:// URL");
    }
}
