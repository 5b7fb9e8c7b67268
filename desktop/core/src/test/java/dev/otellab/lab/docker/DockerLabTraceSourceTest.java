package dev.otellab.lab.docker;

import dev.otellab.telemetry.model.TraceId;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.zipkin.RealZipkin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Docker mode's trace source on the real engine (a stand-in stack shaped like stack/compose.yaml's
 * profile): the lab started with each choice runs the jaeger-zipkin profile's services only for
 * Jaeger and Zipkin, and reads traces through LabEngines' one choice of endpoints at that
 * backend's URL: a real Zipkin server, Jaeger's API v3 answer written from its published
 * definition (no Jaeger binary runs here), Tempo's request recorded. Grafana's password file
 * appears with the first Start and reaches the containers.
 */
@ExtendWith(RealZipkin.Extension.class)
class DockerLabTraceSourceTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final String projectName = DockerTests.uniqueProject("traces");
    private final FixtureServer tempo = new FixtureServer();
    private final FixtureServer jaeger = new FixtureServer();
    private DockerEngine engine;
    private DockerLab lab;

    @BeforeEach
    void connect() {
        engine = DockerTests.engine();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.reset();
            lab.close();
        }
        if (engine != null) {
            engine.close();
        }
        tempo.close();
        jaeger.close();
    }

    private Path passwordFile() {
        return dir.resolve("config").resolve("grafana-admin-password");
    }

    private DockerLab lab(RealZipkin zipkin) {
        Map<TraceSourceChoice, URI> urls = Map.of(TraceSourceChoice.TEMPO, tempo.uri(), TraceSourceChoice.JAEGER, jaeger.uri(),
                TraceSourceChoice.ZIPKIN, zipkin.uri());
        LgtmSources stack = LabEngines.lgtmSources(LabMode.DOCKER,
                LabEngines.dockerEndpoints(TraceSourceChoice.TEMPO, urls.get(TraceSourceChoice.TEMPO)));
        DockerLabSettings settings = DockerLabSettings.of(DockerTests.stackFile("trace-sources.yaml"), LabBackendJar.path(),
                        GrafanaPassword.keptIn(passwordFile()))
                .withProjectName(projectName)
                .withReadyTimeout(Duration.ofSeconds(60));
        return new DockerLab(settings,
                choice -> LabEngines.lgtmSources(LabMode.DOCKER, LabEngines.dockerEndpoints(choice, urls.get(choice))).traces(),
                stack.logs(), stack.slis(), stack.serviceMap());
    }

    @Test
    void eachChoiceRunsItsServicesAndReadsTracesAtItsBackend(RealZipkin zipkin) throws Exception {
        lab = lab(zipkin);
        assertThat(passwordFile()).doesNotExist();
        assertThat(lab.grafanaAdminPassword()).isEmpty();

        // Tempo: no profile; the trace is asked of Tempo
        lab.start();
        String password = Files.readString(passwordFile()).strip();
        assertThat(lab.grafanaAdminPassword()).contains(password);
        assertThat(environment("tempo")).contains("GF_SECURITY_ADMIN_PASSWORD=" + password, "TRACE_EXPORT=tempo");
        assertThat(containerExists("jaeger")).isFalse();
        assertThat(containerExists("zipkin")).isFalse();
        String tempoTrace = id(16);
        catchThrowable(() -> lab.traces().trace(TraceId.parse(tempoTrace))); // the fixture has no answer for it: a request is enough
        assertThat(tempo.requests()).extracting(FixtureServer.Recorded::path).contains("/api/traces/" + tempoTrace);
        lab.stop();

        // Jaeger: Start turns the profile on; the trace comes from Jaeger's API v3
        lab.useTraceSource(TraceSourceChoice.JAEGER);
        String jaegerTrace = id(16);
        jaeger.on("/api/v3/traces/" + jaegerTrace, FixtureServer.Answer.json(jaegerAnswer(jaegerTrace)));
        lab.start();
        assertThat(environment("tempo")).contains("GF_SECURITY_ADMIN_PASSWORD=" + password, "TRACE_EXPORT=jaeger-zipkin");
        assertThat(containerRuns("jaeger")).isTrue();
        assertThat(containerRuns("zipkin")).isTrue();
        assertThat(lab.traces().trace(TraceId.parse(jaegerTrace))).map(Trace::rootSpan).map(Span::name).contains("GET /from-jaeger");
        lab.stop();

        // Zipkin: the trace comes from the real Zipkin server
        lab.useTraceSource(TraceSourceChoice.ZIPKIN);
        String zipkinTrace = id(16);
        long start = System.currentTimeMillis() * 1_000L - 1_000_000L;
        zipkin.post("""
                [{"traceId":"%s","id":"%s","name":"get /from-zipkin","kind":"SERVER","timestamp":%d,"duration":12000,
                  "localEndpoint":{"serviceName":"docker-traces-test"}}]""".formatted(zipkinTrace, id(8), start));
        lab.start();
        assertThat(containerRuns("zipkin")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> lab.traces().trace(TraceId.parse(zipkinTrace)).isPresent());
        assertThat(lab.traces().trace(TraceId.parse(zipkinTrace))).map(Trace::rootSpan).map(Span::name).contains("get /from-zipkin");
        assertThat(Files.readString(passwordFile()).strip()).as("made once, kept").isEqualTo(password);
    }

    @Test
    void aPasswordThatCannotBeKeptFailsTheStartAndSaysWhere(RealZipkin zipkin) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config"), "a file where the config folder should be");
        lab = lab(zipkin);

        assertThatThrownBy(lab::start).isInstanceOf(dev.otellab.lab.LabStartException.class)
                .hasMessageContaining("Grafana's admin password cannot be kept in " + passwordFile());
        assertThat(containerExists("tempo")).isFalse();
    }

    private List<String> environment(String service) {
        return List.of(engine.client().inspectContainerCmd(projectName + "-" + service + "-1").exec().getConfig().getEnv());
    }

    private boolean containerExists(String service) {
        try {
            engine.client().inspectContainerCmd(projectName + "-" + service + "-1").exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private boolean containerRuns(String service) {
        return Optional.ofNullable(engine.client().inspectContainerCmd(projectName + "-" + service + "-1").exec()
                .getState().getRunning()).orElse(false);
    }

    private static String id(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        id[0] |= 0x10;
        return HexFormat.of().formatHex(id);
    }

    /** Jaeger's GetTrace answer (API v3: OTLP JSON under "result"), as JaegerTraceSourceTest writes it. */
    private static String jaegerAnswer(String traceId) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return """
                {"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}}]},
                  "scopeSpans":[{"scope":{"name":"http"},"spans":[{"traceId":"%s","spanId":"%s","name":"GET /from-jaeger",
                  "kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d","status":{}}]}]}]}}"""
                .formatted(traceId, id(8), now - 2_000_000_000L, now - 1_900_000_000L);
    }
}
