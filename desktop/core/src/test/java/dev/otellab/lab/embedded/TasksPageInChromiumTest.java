package dev.otellab.lab.embedded;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The tasks page in a real headless Chromium against the real embedded lab: the page's own
 * tracer makes its spans (lab-browser), continues them into lab-web with traceparent, and
 * exports them across origins to the receiver, whose CORS lets lab-web's origin through. Without
 * Chromium the test is skipped, unless LAB_BROWSER_TESTS=required (as .ci/run sets it).
 */
class TasksPageInChromiumTest {
    private static final Duration TELEMETRY_ARRIVAL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void loadingThePageIsOneTraceFromTheBrowserThroughLabWebIntoLabBackend() throws Exception {
        String chromium = chromium();
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        try (EmbeddedLab lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT,
                ReceiverSettings.anyFreePorts(), LabBackendJar.path(), 0, TrafficProfile.DEFAULT))) {
            lab.start();
            String page = lab.webUrl().orElseThrow().resolve("/").toString();

            String dom = loadInChromium(chromium, page);

            assertThat(dom).contains("Loaded the tasks · trace ");
            TimeRange lastHour = TimeRange.last(Duration.ofHours(1));
            TraceSummary summary = await().atMost(TELEMETRY_ARRIVAL).until(
                    () -> lab.traces().search(TraceSearchCriteria.ANY.withService("lab-browser"), lastHour, 10),
                    found -> !found.isEmpty()).get(0);
            Trace trace = await().atMost(TELEMETRY_ARRIVAL).until(() -> lab.traces().trace(summary.id()).orElseThrow(),
                    found -> found.spans().stream().anyMatch(span -> span.serviceName().equals("lab-backend")));
            assertThat(dom).contains("trace " + trace.traceId());
            Span root = trace.rootSpan();
            assertThat(root.serviceName()).isEqualTo("lab-browser");
            assertThat(root.name()).isEqualTo("load page");
            Map<String, Span> byId = trace.spans().stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
            Span webServer = trace.spans().stream()
                    .filter(span -> span.serviceName().equals("lab-web") && span.kind() == SpanKind.SERVER)
                    .findFirst().orElseThrow();
            Span fetch = byId.get(webServer.parentSpanId());
            assertThat(fetch.serviceName()).isEqualTo("lab-browser");
            assertThat(fetch.kind()).isEqualTo(SpanKind.CLIENT);
            assertThat(fetch.attributes()).containsEntry("http.response.status_code", 200L);
            assertThat(fetch.parentSpanId()).isEqualTo(root.spanId());
            assertThat(trace.spans()).extracting(Span::serviceName).contains("lab-web", "lab-backend");
        }
    }

    /** Runs the page until its timers have flushed its spans, and returns the DOM it ended with. */
    private String loadInChromium(String chromium, String page) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path dom = dir.resolve("dom.html");
        Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=4000", "--dump-dom", page)
                .redirectOutput(dom.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish with the page within 60 s: " + Files.readString(dir.resolve("chromium.err")));
        }
        return Files.readString(dom);
    }

    private static String chromium() {
        Optional<String> found = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        if (found.isEmpty()) {
            if ("required".equals(System.getenv("LAB_BROWSER_TESTS"))) {
                fail("LAB_BROWSER_TESTS=required but no Chromium at /usr/bin/chromium (apt install chromium)");
            }
            Assumptions.abort("No Chromium (apt install chromium; LAB_BROWSER_TESTS=required makes this a failure)");
        }
        return found.get();
    }
}
