package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttpClientFactory;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.otellab.telemetry.lgtm.FixtureServer.Answer;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LgtmHttpClientFactoryTest {
    private static final LgtmClientSettings QUICK = new LgtmClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            2, Duration.ofMillis(10));

    @TempDir
    Path dir;

    private final FixtureServer server = new FixtureServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private TempoTraceSource tempo(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        return new TempoTraceSource(new LgtmHttp(endpoints, settings), java.time.Clock.systemUTC());
    }

    @Test
    void failuresAndThrottlingAreRetriedUntilTheBackendAnswers() {
        AtomicInteger failures = new AtomicInteger();
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql.json"));
        server.on("/api/search", request -> failures.compareAndSet(0, 1), new Answer(503, "text/plain", "restarting"));
        server.on("/api/search", request -> failures.compareAndSet(1, 2), new Answer(429, "text/plain", "slow down"));

        assertThat(tempo(LgtmEndpoints.none().withTempo(server.uri()), QUICK)
                .search(TraceSearchCriteria.ANY, TimeRange.all(), 5)).hasSize(1);
        // the newest window's search went out three times (two retries), then the listing widened (decision 0031)
        List<FixtureServer.Recorded> sent = server.requests();
        assertThat(sent.subList(0, 3)).extracting(FixtureServer.Recorded::query).containsOnly(sent.get(0).query());
        assertThat(sent.get(3).query()).isNotEqualTo(sent.get(0).query());
    }

    @Test
    void aServerErrorThatPersistsIsReportedAfterTheLastRetry() {
        server.on("/api/search", new Answer(503, "text/plain", "ingester not ready"));

        assertThatThrownBy(() -> tempo(LgtmEndpoints.none().withTempo(server.uri()), QUICK)
                .search(TraceSearchCriteria.ANY, TimeRange.all(), 5))
                .isInstanceOf(TelemetryQueryException.class)
                .hasMessageContaining("failed (HTTP 503): ingester not ready");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aRejectedQueryIsNotRetried() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql-bad-query.txt"));

        assertThatThrownBy(() -> tempo(LgtmEndpoints.none().withTempo(server.uri()), QUICK)
                .search(TraceSearchCriteria.ANY, TimeRange.all(), 5)).isInstanceOf(TelemetryQueryException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aBearerTokenAndTheTenantGoOnEveryRequestAndNeverIntoTextOutput() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/tempo-search-traceql-empty.json"));
        LgtmEndpoints endpoints = LgtmEndpoints.none().withTempo(server.uri())
                .withAuth(LgtmEndpoints.Auth.bearer("tok-123")).withTenant("team-b");

        tempo(endpoints, QUICK).search(TraceSearchCriteria.ANY, TimeRange.all(), 5);

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(server.lastRequest().header("X-Scope-OrgID")).isEqualTo("team-b");
        assertThat(endpoints.toString()).doesNotContain("tok-123");
        assertThat(LgtmEndpoints.Auth.basic("u", "pw-456").toString()).doesNotContain("pw-456");
    }

    @Test
    void httpsWorksWithTheCustomCaAndFailsClearlyWithoutIt() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "lab", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "lab", "-file", ca.toString(), "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        HttpsServer https = httpsServer(keyStore);
        try {
            URI uri = URI.create("https://127.0.0.1:" + https.getAddress().getPort());
            LgtmEndpoints endpoints = LgtmEndpoints.none().withTempo(uri);

            assertThat(tempo(endpoints.withCaCertificate(ca), QUICK)
                    .search(TraceSearchCriteria.ANY, TimeRange.all(), 5)).hasSize(1);
            assertThatThrownBy(() -> tempo(endpoints, QUICK).search(TraceSearchCriteria.ANY, TimeRange.all(), 5))
                    .isInstanceOf(TelemetryQueryException.class)
                    .hasMessageContaining("failed the TLS handshake")
                    .hasMessageContaining("--ca-cert");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void anUnreadableCaFileIsSaidPlainly() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(() -> LgtmHttpClientFactory.create(LgtmEndpoints.dockerDefaults()
                .withCaCertificate(notPem), QUICK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The CA certificate file " + notPem);
        assertThatThrownBy(() -> LgtmHttpClientFactory.create(LgtmEndpoints.dockerDefaults()
                .withCaCertificate(dir.resolve("absent.pem")), QUICK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be read");
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static HttpsServer httpsServer(Path keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        byte[] body = FixtureServer.resource("tempo-2.7.2/tempo-search-traceql.json").getBytes(StandardCharsets.UTF_8);
        https.createContext("/api/search", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        return https;
    }
}
