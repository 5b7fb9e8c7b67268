package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.otellab.telemetry.embedded.TestTelemetry.span;
import static dev.otellab.telemetry.embedded.TestTelemetry.spanId;
import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** A query built alone (decision 0046) prints, fails and exits as in the whole command line. */
class QueryBuiltAloneTest {
    @TempDir
    Path dataDir;

    @Test
    void aQueryPrintsTheSameBuiltAloneAndInTheWholeCommandLine() {
        storeOneTrace();
        for (String[] args : List.of(
                new String[] {"traces", "--data-dir", dataDir.toString()},
                new String[] {"traces", "--json", "--data-dir", dataDir.toString()},
                new String[] {"logs", "--data-dir", dataDir.toString()},
                new String[] {"sli", "--data-dir", dataDir.toString()},
                new String[] {"trace", traceId(7), "--data-dir", dataDir.toString()})) {
            Printed alone = Printed.of(LabConsole.commandLine(args), args);
            assertThat(alone.out()).as(args[0]).isNotBlank();
            assertThat(alone).as(args[0]).isEqualTo(Printed.of(LabConsole.commandLine(), args));
        }
    }

    @Test
    void aBadOptionOrValueGivesTheSameErrorAndExitCode() {
        for (String[] args : List.of(
                new String[] {"traces", "--no-such-option"},
                new String[] {"traces", "--limit", "many"},
                new String[] {"sli", "--step"},
                new String[] {"logs", "--help"},
                new String[] {"trace", "--version"},
                new String[] {"trace"})) {
            Printed alone = Printed.of(LabConsole.commandLine(args), args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(Printed.of(LabConsole.commandLine(), args));
        }
        assertThat(LabConsole.commandLine("traces", "--no-such-option").getSubcommands()).containsOnlyKeys("traces");
        assertThat(Printed.of(LabConsole.commandLine("traces", "--no-such-option"), "traces", "--no-such-option").exitCode())
                .isEqualTo(2);
    }

    private void storeOneTrace() {
        long start = TimeRange.toNanos(Instant.now().minus(Duration.ofMinutes(2)));
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir())) {
            store.accept(new TelemetryBatch(List.of(span(traceId(7), spanId(1), "", "frontend", "GET /api/tasks",
                    SpanKind.SERVER, start, 120, StatusCode.UNSET, Map.of("http.route", "/api/tasks",
                            "http.response.status_code", 200L))), List.of(), List.of())).toCompletableFuture().join();
        }
    }

    private record Printed(int exitCode, String out, String err) {
        static Printed of(picocli.CommandLine commandLine, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = LabConsole.execute(commandLine, new PrintWriter(out), new PrintWriter(err), args);
            return new Printed(code, out.toString(), err.toString());
        }
    }
}
