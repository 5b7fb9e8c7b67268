package dev.otellab.telemetry.zipkin;

import dev.otellab.telemetry.lgtm.FreePort;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Zipkin server (io.zipkin:zipkin-server exec jar from Maven Central, in-memory storage)
 * on a free loopback port, started once per test run and shared by the test classes that ask for
 * it as a parameter; stopped when the run ends. Spans go in with {@link #post(String)}.
 */
public final class RealZipkin implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Process process;
    private final URI uri;
    private final Path log;

    private RealZipkin(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    public URI uri() {
        return uri;
    }

    /** POSTs a JSON array of v2 spans to /api/v2/spans; Zipkin answers 202 when it took them. */
    public void post(String spansJson) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v2/spans"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(spansJson)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Zipkin refused the spans: HTTP " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Zipkin at " + uri + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static RealZipkin start() throws IOException {
        Path jar = Path.of(System.getProperty("zipkin.server.jar", "target/zipkin/zipkin-server-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No Zipkin server jar at " + jar + ": run the tests through Maven, which copies"
                    + " io.zipkin:zipkin-server:exec from Maven Central (desktop/pom.xml, in the module that runs the test)");
        }
        int port = FreePort.find();
        Path log = Files.createTempFile("zipkin-server", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.address=127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUERY_PORT", Integer.toString(port));
        builder.environment().put("STORAGE_TYPE", "mem");
        builder.environment().put("SELF_TRACING_ENABLED", "false");
        Process process = builder.start();
        RealZipkin zipkin = new RealZipkin(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            await("Zipkin on port " + port).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Zipkin exited: " + Files.readString(log));
                        }
                        return zipkin.healthy();
                    });
        } catch (RuntimeException e) {
            zipkin.close();
            throw e;
        }
        return zipkin;
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temporary log file left behind is harmless
        }
    }

    /** Resolves a {@link RealZipkin} parameter: one server for the whole test run. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RealZipkin.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RealZipkin.class))
                    .getOrComputeIfAbsent("server", key -> {
                        try {
                            return start();
                        } catch (IOException e) {
                            throw new IllegalStateException("Zipkin cannot start", e);
                        }
                    }, RealZipkin.class);
        }
    }
}
