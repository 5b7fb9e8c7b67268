package dev.otellab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.embedded.LabServiceProcess;
import dev.otellab.lab.embedded.LabBackendSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "done when": lab-backend pointed at `lab-console receive` (a separate process)
 * produces traces, logs and SLIs that the CLI commands show while the receiver still runs.
 */
class ReceiveEndToEndTest {
    private static final Pattern HTTP_ENDPOINT = Pattern.compile("OTLP/HTTP\\s+(http://\\S+)");
    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> receiverOutput = new CopyOnWriteArrayList<>();
    private Process receiver;

    @TempDir
    Path dataDir;

    @AfterEach
    void stopReceiver() {
        if (receiver != null && receiver.isAlive()) {
            receiver.destroyForcibly();
        }
    }

    @Test
    void labBackendTelemetryShowsInTracesTraceLogsAndSli() throws Exception {
        URI endpoint = startReceiverProcess();
        LabBackendSettings settings = new LabBackendSettings(LabBackendJar.path(), "127.0.0.1", 0,
                dataDir.resolve("backend/tasks.db"), endpoint.toString(), "lab-backend", Duration.ofSeconds(60), Map.of());
        try (LabServiceProcess backend = LabServiceProcess.start(settings, line -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(backend.baseUrl().resolve("/api/tasks"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"end to end\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
            assertThat(http.send(HttpRequest.newBuilder(backend.baseUrl().resolve("/api/reports/overdue")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(500);

            JsonNode traces = await().atMost(ARRIVAL).until(
                    () -> jsonOf("traces", "--name", "POST /api/tasks", "--json"), found -> found.size() > 0);
            String traceId = traces.get(0).get("traceId").asText();
            assertThat(traces.get(0).get("rootService").asText()).isEqualTo("lab-backend");

            String waterfall = await().atMost(ARRIVAL).until(() -> textOf("trace", traceId),
                    text -> text.toLowerCase().contains("insert"));
            assertThat(waterfall).contains("POST /api/tasks").contains("create_task");

            JsonNode logs = await().atMost(ARRIVAL).until(
                    () -> jsonOf("logs", "--trace-id", traceId, "--json"), found -> found.size() > 0);
            logs.forEach(log -> assertThat(log.get("traceId").asText()).isEqualTo(traceId));

            JsonNode errorTraces = await().atMost(ARRIVAL).until(
                    () -> jsonOf("traces", "--errors", "--json"), found -> found.size() > 0);
            assertThat(errorTraces.get(0).get("rootName").asText()).isEqualTo("GET /api/reports/overdue");

            String sli = textOf("sli", "--service", "lab-backend");
            assertThat(sli).contains("/api/reports/overdue");
        }

        receiver.destroy();
        assertThat(receiver.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(receiver.exitValue()).isIn(0, 143);
    }

    private URI startReceiverProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        receiver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabConsole.class.getName(),
                "receive", "--data-dir", dataDir.toString(), "--http-port", "0", "--grpc-port", "0")
                .redirectErrorStream(true).start();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    receiverOutput.add(line);
                    Matcher matcher = HTTP_ENDPOINT.matcher(line);
                    if (matcher.find()) {
                        endpoint.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new AssertionError("receive ended: " + receiverOutput));
        });
        reader.setDaemon(true);
        reader.start();
        return endpoint.get(60, TimeUnit.SECONDS);
    }

    private JsonNode jsonOf(String... args) throws Exception {
        return json.readTree(textOf(args));
    }

    private String textOf(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data-dir";
        withData[args.length + 1] = dataDir.toString();
        int exit = LabConsole.run(new PrintWriter(out, true), new PrintWriter(err, true), withData);
        assertThat(exit).as("exit code of %s; stderr: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }
}
