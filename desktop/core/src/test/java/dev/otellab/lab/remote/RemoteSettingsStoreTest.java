package dev.otellab.lab.remote;

import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.endpoints.LgtmEndpoints.Auth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBackWholeAndTheFileIsTheOwnersOnly() throws Exception {
        RemoteSettingsStore store = new RemoteSettingsStore(dir);
        LgtmEndpoints saved = new LgtmEndpoints(URI.create("https://tempo.example.com"), URI.create("https://loki.example.com"),
                URI.create("https://prom.example.com/prometheus"), URI.create("https://grafana.example.com"),
                Auth.basic("team", "s3cret"), "team-a", dir.resolve("ca.pem"));

        store.save(saved);

        assertThat(store.load()).isEqualTo(saved);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(store.file());
    }

    @Test
    void aBearerTokenIsKept() throws Exception {
        RemoteSettingsStore store = new RemoteSettingsStore(dir);
        store.save(LgtmEndpoints.dockerDefaults().withAuth(Auth.bearer("t0ken")));

        assertThat(store.load().auth()).isEqualTo(Auth.bearer("t0ken"));
    }

    @Test
    void noFileOrABrokenFileMeansNotConfigured() throws Exception {
        RemoteSettingsStore store = new RemoteSettingsStore(dir);
        assertThat(store.load()).isEqualTo(LgtmEndpoints.none());

        Files.writeString(store.file(), "{ \"tempo\": \"ftp://nope\"");
        assertThat(store.load()).isEqualTo(LgtmEndpoints.none());
    }

    @Test
    void zipkinAndJaegerUrlsAreKept() throws Exception {
        RemoteSettingsStore store = new RemoteSettingsStore(dir);
        LgtmEndpoints zipkin = LgtmEndpoints.none().withPrometheus(URI.create("http://127.0.0.1:9090"))
                .withTraceSource(Backend.ZIPKIN, URI.create("http://127.0.0.1:9411"));
        store.save(zipkin);
        assertThat(store.load()).isEqualTo(zipkin);

        LgtmEndpoints jaeger = zipkin.withTraceSource(Backend.JAEGER, URI.create("https://jaeger.example.com/query"));
        store.save(jaeger);
        assertThat(store.load()).isEqualTo(jaeger);
        assertThat(store.load().traceBackend()).isEqualTo(Backend.JAEGER);
    }
}
