package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.diff.CheckoutRequests;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.otellab.telemetry.embedded.TestTelemetry.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/** export, import and diff on real stores in their own data folders. */
class TraceFileCommandsTest {
    @TempDir
    Path folder;

    private final Path dataDir() {
        return folder.resolve("data");
    }

    /** Trace 1: charge card 50 ms; trace 2: 250 ms and ERROR; traces 3-5: typical ones of 40-60 ms. */
    private void storeRequests() {
        long now = TimeRange.toNanos(Instant.now().minus(Duration.ofMinutes(5)));
        List<Span> spans = new ArrayList<>();
        spans.addAll(CheckoutRequests.shifted(CheckoutRequests.request(traceId(1), 50, 3, StatusCode.UNSET, "visa"), now));
        spans.addAll(CheckoutRequests.shifted(CheckoutRequests.request(traceId(2), 250, 5, StatusCode.ERROR, "visa"), now + 1_000_000_000L));
        for (int i = 3; i <= 5; i++) {
            spans.addAll(CheckoutRequests.shifted(CheckoutRequests.request(traceId(i), 40 + (i - 3) * 10L, 3, StatusCode.UNSET, "visa"),
                    now + i * 1_000_000_000L));
        }
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir()).telemetryStoreDir())) {
            store.accept(TelemetryBatch.ofSpans(spans)).toCompletableFuture().join();
        }
    }


    @Test
    void exportImportIntoAnotherDataFolderGivesTheSameTrace() throws Exception {
        storeRequests();
        Path file = folder.resolve("f.jsonl");
        CliRun export = CliRun.run(dataDir(), "export", traceId(2), "--out", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported 1 trace, 8 spans, 0 log records to " + file);
        assertThat(Files.readAllLines(file)).hasSize(1);

        Path other = folder.resolve("other");
        CliRun imported = CliRun.run(other, "import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("8 spans and 0 log records imported, 1 trace");

        CliRun original = CliRun.run(dataDir(), "trace", traceId(2), "--json");
        CliRun copy = CliRun.run(other, "trace", traceId(2), "--json");
        assertThat(copy.exitCode()).isZero();
        assertThat(copy.out()).isEqualTo(original.out());

        CliRun toStdout = CliRun.run(dataDir(), "export", traceId(1), traceId(2), "--out", "-");
        assertThat(toStdout.out().lines()).hasSize(2).allMatch(line -> line.startsWith("{\"resourceSpans\":"));
        assertThat(toStdout.err()).contains("Exported 2 traces, 14 spans");
    }

    @Test
    void diffNamesTheAlignedSpansAndTheirDeltasFromIdsOrFiles() throws Exception {
        storeRequests();
        CliRun diff = CliRun.run(dataDir(), "diff", traceId(1), traceId(2), "--json");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        JsonNode json = JsonOutput.mapper().readTree(diff.out());
        assertThat(json.path("totalDeltaNanos").asLong()).isEqualTo(200_000_000L);
        assertThat(json.path("topContributors").get(0).path("path").asText()).isEqualTo("GET /checkout > charge card");
        JsonNode charge = find(json.path("spans"), "GET /checkout > charge card");
        assertThat(charge.path("durationDeltaNanos").asLong()).isEqualTo(200_000_000L);
        assertThat(charge.path("statusA").asText()).isEqualTo("UNSET");
        assertThat(charge.path("statusB").asText()).isEqualTo("ERROR");
        assertThat(find(json.path("spans"), "GET /checkout > load cart > SELECT items #5").path("presence").asText())
                .isEqualTo("only_b");

        Path file = folder.resolve("b.jsonl");
        assertThat(CliRun.run(dataDir(), "export", traceId(2), "--out", file.toString()).exitCode()).isZero();
        CliRun fromFile = CliRun.run(dataDir(), "diff", traceId(1), file.toString(), "--json");
        assertThat(JsonOutput.mapper().readTree(fromFile.out()).path("spans")).isEqualTo(json.path("spans"));

        CliRun text = CliRun.run(dataDir(), "diff", traceId(1), traceId(2));
        assertThat(text.out()).contains("Total delta +200 ms").contains("Contributing most (self-time delta):")
                .contains("charge card").contains("UNSET -> ERROR");
        assertThat(CliRun.run(dataDir(), "diff", traceId(1), traceId(1)).out()).contains("No difference.");
    }

    @Test
    void diffWithTheTypicalTrace() throws Exception {
        storeRequests();
        CliRun typical = CliRun.run(dataDir(), "diff", traceId(2), "--typical", "--json");
        assertThat(typical.exitCode()).as(typical.err()).isZero();
        JsonNode json = JsonOutput.mapper().readTree(typical.out());
        assertThat(json.path("typicalOf").asInt()).isEqualTo(4);
        assertThat(json.path("topContributors").get(0).path("name").asText()).isEqualTo("charge card");
    }

    @Test
    void badInputIsAOneLineErrorAndABadFileImportsNothing() throws Exception {
        storeRequests();
        assertThat(CliRun.run(dataDir(), "export", "xyz", "--out", "f").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(dataDir(), "diff", traceId(1)).exitCode()).isEqualTo(2);
        assertThat(CliRun.run(dataDir(), "diff", "nonsense", traceId(1)).err())
                .contains("'nonsense' is neither a file nor a trace id");
        CliRun missing = CliRun.run(dataDir(), "export", traceId(77), "--out", folder.resolve("x.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("was not found; no file was written");
        assertThat(folder.resolve("x.jsonl")).doesNotExist();

        Path bad = folder.resolve("bad.json");
        Files.writeString(bad, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"abc\",\"spanId\":\"0102030405060708\"}]}]}]}");
        Path other = folder.resolve("empty");
        CliRun imported = CliRun.run(other, "import", bad.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("not imported").contains("invalid trace id");
        assertThat(CliRun.run(other, "traces", "--since", "1000d").out()).doesNotContain("GET /checkout");
        JsonNode report = JsonOutput.mapper().readTree(CliRun.run(other, "import", bad.toString(), "--json").out());
        assertThat(report.get(0).path("file").asText()).isEqualTo(bad.toString());
        assertThat(report.get(0).path("imported").asBoolean()).isFalse();
        assertThat(report.get(0).path("error").asText()).contains("invalid trace id");
    }

    private static JsonNode find(JsonNode spans, String path) {
        for (JsonNode span : spans) {
            if (span.path("path").asText().equals(path)) {
                return span;
            }
        }
        throw new AssertionError("no span " + path + " in " + spans);
    }
}
