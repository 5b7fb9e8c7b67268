package dev.otellab.lab.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The embedded lab end to end: real receiver, real store, real lab-backend child process. */
class EmbeddedLabTest {
    private static final Duration TELEMETRY_ARRIVAL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private EmbeddedLabSettings settings() {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        return new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT);
    }

    @Test
    void aRequestToLabBackendBecomesATraceWithLogsAndSlis() throws Exception {
        List<LabStatus> statuses = new CopyOnWriteArrayList<>();
        try (EmbeddedLab lab = new EmbeddedLab(settings())) {
            lab.addStatusListener(statuses::add);
            lab.start();
            assertThat(lab.status().allHealthy()).isTrue();
            URI backend = lab.backendUrl().orElseThrow();
            long pid = ProcessHandle.allProcesses()
                    .filter(p -> p.parent().map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false))
                    .filter(p -> p.info().commandLine().orElse("").contains("lab-backend.jar"))
                    .findFirst().orElseThrow().pid();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(backend.resolve("/api/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"observe me\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> failed = http.send(HttpRequest.newBuilder(backend.resolve("/api/reports/overdue")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(500);

            TimeRange lastHour = TimeRange.last(Duration.ofHours(1));
            TraceSummary createTrace = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().search(TraceSearchCriteria.ANY.withSpanName("POST /api/tasks"), lastHour, 10),
                    found -> !found.isEmpty()).get(0);
            Trace trace = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().trace(createTrace.id()).orElseThrow(),
                    t -> t.spans().stream().anyMatch(s -> s.kind() == SpanKind.CLIENT));
            Span root = trace.rootSpan();
            assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
            assertThat(root.serviceName()).isEqualTo("lab-backend");
            assertThat(trace.spans()).anySatisfy(span -> assertThat(span.kind()).isEqualTo(SpanKind.CLIENT));

            List<LogRecord> logs = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.logs().query(LogFilter.forTrace(createTrace.id()), lastHour, 100, QueryDirection.OLDEST_FIRST),
                    found -> !found.isEmpty());
            assertThat(logs).allSatisfy(log -> assertThat(log.traceId()).isEqualTo(createTrace.traceId()));

            TraceSummary errorTrace = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().search(TraceSearchCriteria.ANY.withErrorsOnly(true), lastHour, 10),
                    found -> !found.isEmpty()).get(0);
            assertThat(lab.traces().trace(errorTrace.id()).orElseThrow().rootSpan().status()).isEqualTo(StatusCode.ERROR);
            List<SloStatus> slo = lab.slis().sloStatus("lab-backend", lastHour, SloTargets.DEFAULT);
            assertThat(slo.get(0).availability()).isLessThan(1.0);

            lab.stop();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(lab.status().part(EmbeddedLab.BACKEND).state()).isEqualTo(PartState.STOPPED);
            assertThat(lab.status().part(EmbeddedLab.RECEIVER).state()).isEqualTo(PartState.STOPPED);
            // the store stays readable after the lab stops
            assertThat(lab.traces().trace(createTrace.id())).isPresent();
        }
        assertThat(statuses).extracting(status -> status.part(EmbeddedLab.BACKEND).state())
                .contains(PartState.STARTING, PartState.HEALTHY, PartState.STOPPED);
    }

    @Test
    void aRequestThroughLabWebIsOneTraceWhoseParentChainCrossesBothServices() throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        try (EmbeddedLab lab = new EmbeddedLab(settings())) {
            lab.addBackendOutputListener(output::add);
            lab.start();
            assertThat(lab.status().part(EmbeddedLab.WEB).state()).isEqualTo(PartState.HEALTHY);
            URI web = lab.webUrl().orElseThrow();
            List<Long> children = childPids();
            assertThat(children).hasSize(2);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(web.resolve("/api/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"across services\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            TimeRange lastHour = TimeRange.last(Duration.ofHours(1));
            TraceSummary summary = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().search(TraceSearchCriteria.ANY.withService("lab-web").withSpanName("POST /api/tasks"),
                            lastHour, 10),
                    found -> !found.isEmpty()).get(0);
            Trace trace = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().trace(summary.id()).orElseThrow(),
                    t -> t.spans().stream().anyMatch(span -> span.serviceName().equals("lab-backend")
                            && span.kind() == SpanKind.CLIENT));
            Span backendServer = trace.spans().stream()
                    .filter(span -> span.serviceName().equals("lab-backend") && span.kind() == SpanKind.SERVER)
                    .findFirst().orElseThrow();
            Map<String, Span> byId = trace.spans().stream().collect(Collectors.toMap(Span::spanId, span -> span));
            Span webClient = byId.get(backendServer.parentSpanId());
            assertThat(webClient.serviceName()).isEqualTo("lab-web");
            assertThat(webClient.kind()).isEqualTo(SpanKind.CLIENT);
            Span webServer = byId.get(webClient.parentSpanId());
            assertThat(webServer.serviceName()).isEqualTo("lab-web");
            assertThat(webServer.kind()).isEqualTo(SpanKind.SERVER);
            assertThat(trace.rootSpan()).isEqualTo(webServer);

            HttpResponse<String> settings = http.send(HttpRequest.newBuilder(web.resolve("/browser-config.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String receiverUrl = lab.telemetryEndpoint().orElseThrow();
            assertThat(settings.body()).contains("\"otlpTracesUrl\":\"" + receiverUrl + "/v1/traces\"");
            String origin = "http://" + web.getHost() + ":" + web.getPort();
            HttpResponse<String> allowed = http.send(preflight(receiverUrl, origin), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = http.send(preflight(receiverUrl, "http://127.0.0.1:1"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(204);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(output).anyMatch(line -> line.startsWith("lab-web | {") && line.contains("listening on"));
            assertThat(output).anyMatch(line -> line.startsWith("lab-backend | {") && line.contains("listening on"));

            lab.stop();

            assertThat(children).allSatisfy(pid ->
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
            assertThat(lab.status().part(EmbeddedLab.WEB).state()).isEqualTo(PartState.STOPPED);
            assertThat(lab.webUrl()).isEmpty();
        }
    }

    private static HttpRequest preflight(String receiverUrl, String origin) {
        return HttpRequest.newBuilder(URI.create(receiverUrl + "/v1/traces"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
    }

    private static List<Long> childPids() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains("lab-backend.jar"))
                .map(ProcessHandle::pid).toList();
    }

    @Test
    void aTakenReceiverPortFailsTheStartWithTheReasonAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedLab lab = new EmbeddedLab(settings().withReceiver(ReceiverSettings.anyFreePorts()
                     .withHttpPort(taken.getLocalPort())))) {

            assertThatThrownBy(lab::start)
                    .isInstanceOf(LabStartException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort());
            assertThat(lab.status().part(EmbeddedLab.RECEIVER).state()).isEqualTo(PartState.FAILED);
            assertThat(lab.status().part(EmbeddedLab.BACKEND).state()).isEqualTo(PartState.STOPPED);
            assertThat(lab.backendUrl()).isEmpty();
        }
    }

    @Test
    void aMissingBackendJarFailsTheStartAndStopsTheReceiver() throws Exception {
        try (EmbeddedLab lab = new EmbeddedLab(settings().withBackendJar(dir.resolve("missing.jar")))) {
            assertThatThrownBy(lab::start)
                    .isInstanceOf(LabStartException.class)
                    .hasMessageContaining("lab-backend is not built");
            assertThat(lab.status().part(EmbeddedLab.BACKEND).state()).isEqualTo(PartState.FAILED);
            assertThat(lab.status().part(EmbeddedLab.RECEIVER).state()).isEqualTo(PartState.STOPPED);
            assertThat(lab.receiverEndpoints()).isEmpty();
        }
    }
}
