package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's binary) on a free loopback port, with the lab's flags from
 * stack/compose.yaml and one scrape job, in a folder of its own; stopped on close.
 */
final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts Prometheus scraping {@code job} at {@code target} every second and waits until it is ready. */
    static PrometheusServer start(Path folder, List<String> labFlags, JsonNode job, String target) throws IOException {
        Path executable = CommandLineTool.PROMETHEUS.requireInstalled();
        ObjectNode scrapeJob = job.deepCopy();
        scrapeJob.putArray("static_configs").addObject().putArray("targets").add(target);
        ObjectNode config = StackFiles.YAML.createObjectNode();
        config.putObject("global").put("scrape_interval", "1s").put("scrape_timeout", "1s");
        config.putArray("scrape_configs").add(scrapeJob);
        Path configFile = folder.resolve("prometheus.yml");
        Files.writeString(configFile, StackFiles.YAML.writeValueAsString(config));

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port));
        command.addAll(labFlags);
        Path log = folder.resolve("prometheus.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            await("Prometheus ready on port " + port).atMost(Duration.ofSeconds(60))
                    .until(() -> server.isReady());
        } catch (RuntimeException e) {
            server.close();
            throw new AssertionError("Prometheus did not become ready; its log:\n" + server.log(), e);
        }
        return server;
    }

    /** The "data" of an instant query at the current time. */
    JsonNode query(String promQl) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    /** The "data" of an exemplar query over the last {@code window}. */
    JsonNode exemplars(String promQl, Duration window) throws IOException, InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        return get("/api/v1/query_exemplars?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8)
                + "&start=" + (now - window.toSeconds()) + "&end=" + (now + 1));
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Prometheus exited with code " + process.exitValue());
        }
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = StackFiles.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return body.path("data");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
