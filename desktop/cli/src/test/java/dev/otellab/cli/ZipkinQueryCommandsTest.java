package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otellab.telemetry.zipkin.RealZipkin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code traces}, {@code trace} and {@code logs} with {@code --zipkin} against a real Zipkin
 * server: what the commands print is what was sent. New ids and service names each run.
 */
@ExtendWith(RealZipkin.Extension.class)
class ZipkinQueryCommandsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SERVICE = "cli-" + HexFormat.of().formatHex(RANDOM.generateSeed(3));
    private static final String TRACE = id(16);
    private static final String ROOT = id(8);
    private static final String CHILD = id(8);
    private static String zipkinUrl;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void sendATrace(RealZipkin zipkin) {
        long start = System.currentTimeMillis() * 1_000L - 2_000_000L;
        zipkin.post("""
                [{"traceId":"%1$s","id":"%2$s","name":"get /tasks","kind":"SERVER","timestamp":%4$d,"duration":40000,
                  "localEndpoint":{"serviceName":"%5$s"},"tags":{"http.route":"/tasks"}},
                 {"traceId":"%1$s","id":"%3$s","parentId":"%2$s","name":"select tasks","kind":"CLIENT","timestamp":%6$d,
                  "duration":25000,"localEndpoint":{"serviceName":"%5$s"},"tags":{"error":"timeout"}}]"""
                .formatted(TRACE, ROOT, CHILD, start, SERVICE, start + 5_000));
        zipkinUrl = zipkin.uri().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.run(Path.of("target"), "trace", TRACE, "--mode", "remote",
                "--zipkin", zipkinUrl).exitCode() == 0);
    }

    private static String id(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        id[0] |= 0x10;
        return HexFormat.of().formatHex(id);
    }

    @Test
    void tracesJsonListsWhatWasSent() throws Exception {
        CliRun result = CliRun.run(dataDir, "traces", "--mode", "remote", "--zipkin", zipkinUrl, "--service", SERVICE,
                "--json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        JsonNode rows = JsonOutput.mapper().readTree(result.out());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.path("traceId").asText()).isEqualTo(TRACE);
        assertThat(row.path("rootService").asText()).isEqualTo(SERVICE);
        assertThat(row.path("rootName").asText()).isEqualTo("get /tasks");
        assertThat(row.path("spanCount").asInt()).isEqualTo(2);
        assertThat(row.path("errorCount").asInt()).isEqualTo(1);
    }

    @Test
    void traceJsonHasEverySpanWithItsParentAndStatus() throws Exception {
        CliRun result = CliRun.run(dataDir, "trace", TRACE, "--json", "--mode", "remote", "--zipkin", zipkinUrl);

        assertThat(result.exitCode()).isZero();
        String json = result.out();
        assertThat(json).contains(ROOT, CHILD, "get /tasks", "select tasks", "timeout", "/tasks");
        JsonNode tree = JsonOutput.mapper().readTree(json);
        List<JsonNode> spans = StreamSupport.stream(tree.path("spans").spliterator(), false).toList();
        assertThat(spans).hasSize(2);
    }

    @Test
    void logsSayPlainlyThatThisModeHasNone() {
        CliRun result = CliRun.run(dataDir, "logs", "--mode", "remote", "--zipkin", zipkinUrl);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("This mode has no logs: traces come from Zipkin").contains("--loki")
                .doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void dockerModeReadsTheChosenZipkinLikeTheWindowsTraceSourceSetting() throws Exception {
        CliRun result = CliRun.run(dataDir, "traces", "--mode", "docker", "--zipkin", zipkinUrl, "--service", SERVICE,
                "--json");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(JsonOutput.mapper().readTree(result.out())).singleElement()
                .satisfies(row -> assertThat(row.path("traceId").asText()).isEqualTo(TRACE));
        CliRun two = CliRun.run(dataDir, "traces", "--mode", "docker", "--zipkin", zipkinUrl, "--tempo", zipkinUrl);
        assertThat(two.exitCode()).isEqualTo(2);
    }

    @Test
    void twoTraceSourcesAreAUsageError() {
        CliRun result = CliRun.run(dataDir, "traces", "--mode", "remote", "--zipkin", zipkinUrl, "--jaeger", zipkinUrl);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Give one trace source: --tempo, --zipkin or --jaeger");
    }
}
