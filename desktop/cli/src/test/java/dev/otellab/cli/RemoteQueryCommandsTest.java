package dev.otellab.cli;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.lgtm.FreePort;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.model.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The query commands in remote and docker mode, against recorded Tempo and Loki answers on loopback. */
class RemoteQueryCommandsTest {
    private static final String FAILING_TRACE = "1ff8005c23c9c3ff693332aabece5fe8";
    private static final String[] RICH_RANGE = {"--from", "2026-11-25T08:25:00Z", "--to", "2026-11-25T08:27:00Z"};

    @TempDir
    Path dataDir;

    private final FixtureServer server = new FixtureServer();


    @AfterEach
    void stop() {
        server.close();
        SourceOptions.environment = System::getenv;
    }

    private CliRun run(String... args) {
        return CliRun.run(dataDir, args);
    }

    private List<String> with(String... args) {
        return new ArrayList<>(List.of(args));
    }

    @Test
    void tracesInRemoteModePrintTheTracesTempoFound() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-service.json"));
        List<String> args = with("traces", "--mode", "remote", "--tempo", server.uri().toString(),
                "--service", "checkout-svc");
        args.addAll(List.of(RICH_RANGE));

        CliRun result = run(args.toArray(String[]::new));

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("START", "TRACE ID", "ROOT SERVICE", "ROOT NAME", "DURATION", "SPANS", "ERRORS");
        assertThat(lines.get(1)).contains("f6d2b99fcc60c0ca4f6558eb5785eba9", "checkout-svc", "GET /checkout/{cart}",
                "15.2 ms");
        assertThat(lines.get(2)).contains(FAILING_TRACE).endsWith("2");
        assertThat(lines.get(3)).contains("369dea44f7018d6885191a89b2115980", "16.2 ms");
        assertThat(server.lastRequest().param("q")).isEqualTo("{ resource.service.name = \"checkout-svc\" }");
    }

    @Test
    void exportReadsTheTraceFromTempoAndItsLogsFromLoki() throws Exception {
        server.on("/api/traces/" + FAILING_TRACE, FixtureServer.fixture("tempo-2.7.2/rich-trace-by-id-error.json"));
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-by-trace-id.json"));
        Path file = dataDir.resolve("from-tempo.jsonl");

        CliRun export = run("export", FAILING_TRACE, "--out", file.toString(), "--mode", "remote",
                "--tempo", server.uri().toString(), "--loki", server.uri().toString());

        assertThat(export.err()).isEmpty();
        assertThat(export.out()).contains("Exported 1 trace, 4 spans, 1 log record to " + file);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"resourceSpans\":").contains("\"traceId\":\"" + FAILING_TRACE + "\"");
        assertThat(lines.get(1)).startsWith("{\"resourceLogs\":").contains(FAILING_TRACE);
        CliRun imported = CliRun.run(dataDir.resolve("other"), "import", file.toString());
        assertThat(imported.out()).contains("4 spans and 1 log record imported, 1 trace");
    }

    @Test
    void aTraceReadsTheSameFromTempoAsFromTheEmbeddedStore() throws Exception {
        server.on("/api/traces/" + FAILING_TRACE, FixtureServer.fixture("tempo-2.7.2/rich-trace-by-id-error.json"));
        Trace fromTempo = LgtmSources.connect(LgtmEndpoints.none().withTempo(server.uri())).traces()
                .trace(TraceId.parse(FAILING_TRACE)).orElseThrow();
        try (TelemetryStore store = TelemetryStore.open(DataDirectories.forUser(dataDir).telemetryStoreDir())) {
            store.accept(TelemetryBatch.ofSpans(fromTempo.spans())).toCompletableFuture().join();
        }

        CliRun remote = run("trace", FAILING_TRACE, "--mode", "remote", "--tempo", server.uri().toString());
        CliRun embedded = run("trace", FAILING_TRACE);
        CliRun remoteJson = run("trace", FAILING_TRACE, "--json", "--mode", "remote", "--tempo", server.uri().toString());
        CliRun embeddedJson = run("trace", FAILING_TRACE, "--json");

        assertThat(remote.exitCode()).isZero();
        assertThat(remote.out()).contains("charge card", "ERROR: card declined").isEqualTo(embedded.out());
        assertThat(remoteJson.out()).isEqualTo(embeddedJson.out());
    }

    @Test
    void logsInRemoteModeAskLokiByTraceId() {
        server.on("/loki/api/v1/query_range", FixtureServer.fixture("loki-3.4.6/rich-query-range-by-trace-id.json"));

        CliRun result = run("logs", "--mode", "remote", "--loki", server.uri().toString(), "--trace-id", FAILING_TRACE);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).contains("ERROR", "checkout-svc", "[trace " + FAILING_TRACE
                + " span b79b72e82e7a1210]", "payment failed for order 1");
        assertThat(server.lastRequest().param("query")).endsWith("| trace_id=\"" + FAILING_TRACE + "\"");
    }

    @Test
    void credentialsComeFromTheEnvironmentAndReachTheBackendWithTheTenant() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql-empty.json"));
        SourceOptions.environment = Map.of("LAB_PASSWORD", "s3cret")::get;

        CliRun result = run("traces", "--mode", "remote", "--tempo", server.uri().toString(), "--user", "lab",
                "--password-env", "LAB_PASSWORD", "--tenant", "team-a");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("No traces match");
        assertThat(server.lastRequest().header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("lab:s3cret".getBytes()));
        assertThat(server.lastRequest().header("X-Scope-OrgID")).isEqualTo("team-a");
    }

    @Test
    void anUnreachableBackendIsOneClearLineAndExitCodeOne() {
        String nowhere = "http://127.0.0.1:" + FreePort.find();

        CliRun result = run("traces", "--mode", "remote", "--tempo", nowhere);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("Tempo at " + nowhere + " is unreachable").doesNotContain("Exception");
    }

    @Test
    void badOptionsAreNamed() {
        CliRun noUrl = run("traces", "--mode", "remote");
        CliRun notAUrl = run("traces", "--mode", "remote", "--tempo", "not a url");
        CliRun noSecret = run("traces", "--mode", "docker", "--token-env", "LAB_TEST_UNSET_VARIABLE");
        CliRun badMode = run("sli", "--mode", "cloud");

        assertThat(noUrl.exitCode()).isEqualTo(1);
        assertThat(noUrl.err()).startsWith("No Tempo URL is set: give --tempo URL");
        assertThat(notAUrl.exitCode()).isEqualTo(2);
        assertThat(notAUrl.err()).contains("--tempo is a URL like http://host:port, got 'not a url'");
        assertThat(noSecret.exitCode()).isEqualTo(2);
        assertThat(noSecret.err()).contains("--token-env: the environment variable LAB_TEST_UNSET_VARIABLE is not set");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err()).contains("'cloud' is not a mode: use embedded, docker or remote");
    }
}
