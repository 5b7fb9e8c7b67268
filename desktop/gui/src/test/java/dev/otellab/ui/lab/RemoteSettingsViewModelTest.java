package dev.otellab.ui.lab;

import dev.otellab.lab.remote.RemoteLab;
import dev.otellab.lab.remote.RemoteLabSettings;
import dev.otellab.lab.remote.RemoteSettingsStore;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.lgtm.FreePort;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.endpoints.LgtmEndpoints.Auth;
import dev.otellab.ui.common.TestExecutors;
import dev.otellab.ui.lab.RemoteSettingsViewModel.CheckLine;
import dev.otellab.ui.lab.RemoteSettingsViewModel.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The remote stack's settings form, without a screen; "Test connection" asks real loopback servers. */
class RemoteSettingsViewModelTest {
    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = TestExecutors.timer();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private RemoteSettingsViewModel model(RemoteLab lab) {
        return new RemoteSettingsViewModel(new RemoteLabSettings(() -> lab, new RemoteSettingsStore(dir)), TestExecutors.direct(timer),
                Runnable::run);
    }

    @Test
    void theFormStartsFromTheLabsSettingsAndSaysWhatIsMissing() {
        RemoteSettingsViewModel model = model(new RemoteLab(LgtmEndpoints.none()));

        assertThat(model.problemProperty().get()).isEqualTo("A trace source's URL is needed: Tempo, Zipkin or Jaeger");
        assertThat(model.canActProperty().get()).isFalse();

        model.useDockerStackUrls();
        assertThat(model.tempoProperty().get()).isEqualTo("http://127.0.0.1:3200");
        assertThat(model.problemProperty().get()).isEmpty();

        model.lokiProperty().set("loki.example.com");
        assertThat(model.problemProperty().get()).isEqualTo("Loki's URL must be an http:// or https:// address with a host, got 'loki.example.com'");

        model.lokiProperty().set("http://127.0.0.1:3100");
        model.signInProperty().set(SignIn.BEARER);
        assertThat(model.problemProperty().get()).isEqualTo("A bearer token is not empty");
        model.tokenProperty().set("t0ken");
        assertThat(model.endpoints().auth()).isEqualTo(Auth.bearer("t0ken"));

        model.caFileProperty().set(dir.resolve("missing.pem").toString());
        assertThat(model.problemProperty().get()).contains("cannot be read");
    }

    @Test
    void testConnectionShowsEachBackendsAnswerAndChangesNothing() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none());
        RemoteSettingsViewModel model = model(lab);
        try (FixtureServer recorded = new FixtureServer()) {
            recorded.on("/api/status/buildinfo", FixtureServer.fixture("tempo-2.7.2/tempo-buildinfo.json"));
            recorded.on("/loki/api/v1/status/buildinfo", FixtureServer.fixture("loki-3.4.6/loki-buildinfo.json"));
            model.tempoProperty().set(recorded.uri().toString());
            model.lokiProperty().set(recorded.uri().toString());
            model.prometheusProperty().set("http://127.0.0.1:" + FreePort.find());

            model.testConnection();

            assertThat(model.checks()).extracting(CheckLine::backend).containsExactly("Tempo", "Loki", "Prometheus");
            assertThat(model.checks()).extracting(CheckLine::ok).containsExactly(true, true, false);
            assertThat(model.checks().get(0).message()).isEqualTo("Tempo v2.7.2");
            assertThat(model.messageProperty().get()).isEqualTo("1 of 3 backends did not answer.");
            assertThat(lab.endpoints()).isEqualTo(LgtmEndpoints.none());
            assertThat(model.busyProperty().get()).isFalse();
        }
    }

    @Test
    void saveStoresTheSettingsAndPointsTheLabAtThem() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none());
        RemoteSettingsViewModel model = model(lab);
        model.useDockerStackUrls();
        model.signInProperty().set(SignIn.BASIC);
        model.userProperty().set("team");
        model.passwordProperty().set("s3cret");
        model.tenantProperty().set("team-a");

        model.save();

        LgtmEndpoints saved = new RemoteSettingsStore(dir).load();
        assertThat(saved.tempo()).isEqualTo(URI.create("http://127.0.0.1:3200"));
        assertThat(saved.auth()).isEqualTo(Auth.basic("team", "s3cret"));
        assertThat(saved.tenant()).isEqualTo("team-a");
        assertThat(lab.endpoints()).isEqualTo(saved);
        assertThat(model.messageProperty().get()).startsWith("Saved to ");

        RemoteSettingsViewModel reopened = model(new RemoteLab(new RemoteSettingsStore(dir).load()));
        assertThat(reopened.signInProperty().get()).isEqualTo(SignIn.BASIC);
        assertThat(reopened.userProperty().get()).isEqualTo("team");
    }

    @Test
    void zipkinOrJaegerReplaceTempoAndMakeLokiOptional() {
        RemoteSettingsViewModel model = model(new RemoteLab(LgtmEndpoints.none()));
        model.prometheusProperty().set("http://127.0.0.1:9090");
        model.zipkinProperty().set("http://127.0.0.1:9411");

        assertThat(model.problemProperty().get()).isEmpty();
        LgtmEndpoints endpoints = model.endpoints();
        assertThat(endpoints.traceBackend()).isEqualTo(Backend.ZIPKIN);
        assertThat(endpoints.loki()).isNull();

        model.jaegerProperty().set("http://127.0.0.1:16686");
        assertThat(model.problemProperty().get()).isEqualTo("Give one trace source: Tempo, Zipkin or Jaeger, not several");

        model.zipkinProperty().set("");
        assertThat(model.endpoints().traceBackend()).isEqualTo(Backend.JAEGER);
        model.jaegerProperty().set("");
        model.tempoProperty().set("http://127.0.0.1:3200");
        assertThat(model.problemProperty().get()).as("Tempo's logs are Loki's").startsWith("Loki's URL is needed");
    }

    @Test
    void testConnectionAsksZipkinAndJaegerToo() {
        RemoteLab lab = new RemoteLab(LgtmEndpoints.none());
        RemoteSettingsViewModel model = model(lab);
        try (FixtureServer zipkin = new FixtureServer(); FixtureServer jaeger = new FixtureServer()) {
            zipkin.on("/info", FixtureServer.Answer.json("{\"zipkin\":{\"version\":\"3.5.1\",\"commit\":\"e8ba4d4\"}}"));
            jaeger.on("/api/v3/services", FixtureServer.Answer.json("{\"services\":[\"frontend\"]}"));
            model.zipkinProperty().set(zipkin.uri().toString());
            model.prometheusProperty().set("http://127.0.0.1:" + FreePort.find());

            model.testConnection();

            assertThat(model.checks()).extracting(CheckLine::backend).containsExactly("Prometheus", "Zipkin");
            assertThat(model.checks().get(1).message()).isEqualTo("Zipkin 3.5.1");

            model.zipkinProperty().set("");
            model.jaegerProperty().set(jaeger.uri().toString());
            model.testConnection();

            assertThat(model.checks()).extracting(CheckLine::backend).containsExactly("Prometheus", "Jaeger");
            assertThat(model.checks().get(1).message()).isEqualTo("Jaeger (query API v3, 1 services)");
            assertThat(lab.endpoints()).isEqualTo(LgtmEndpoints.none());
        }
    }
}
