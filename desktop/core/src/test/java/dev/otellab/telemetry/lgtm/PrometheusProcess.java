package dev.otellab.telemetry.lgtm;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's binary) started as a child process on a free loopback port, with
 * a temporary configuration and data folder, scraping the given targets every second.
 */
public final class PrometheusProcess implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("PROMETHEUS_BINARY", "/usr/bin/prometheus"));

    private final Process process;
    private final URI uri;

    private PrometheusProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /**
     * Skips the test when Prometheus is not installed, unless the environment makes it mandatory
     * (CI, or LAB_DOCKER_TESTS=required as .ci/run sets): then a missing Prometheus fails.
     */
    public static void assumeInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        boolean required = "required".equals(System.getenv("LAB_DOCKER_TESTS")) || System.getenv("CI") != null;
        if (required) {
            throw new AssertionError("Prometheus is required here but " + BINARY
                    + " is missing: apt-get install prometheus (or set PROMETHEUS_BINARY)");
        }
        Assumptions.abort("Prometheus is not installed at " + BINARY + " (apt-get install prometheus)");
    }

    public static PrometheusProcess start(Path dir, String job, List<String> targets) throws IOException {
        assumeInstalled();
        int port = FreePort.find();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: [%s]
                """.formatted(job, String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList())));
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=exemplar-storage")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusProcess prometheus = new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> prometheus.get("/-/ready").statusCode() == 200);
        } catch (RuntimeException e) {
            prometheus.close();
            throw new AssertionError("Prometheus did not become ready; its log:\n"
                    + Files.readString(dir.resolve("prometheus.log")), e);
        }
        return prometheus;
    }

    public URI uri() {
        return uri;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
