package dev.otellab.backend.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.otellab.backend.BuildInfo;
import dev.otellab.backend.support.OtlpReceiver;
import dev.otellab.backend.support.RunningBackend;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real OTLP/HTTP export through the same autoconfigure path as Main, to a receiver in the test. */
class OtlpExportTest {

  @TempDir Path dir;
  private final Map<String, String> previousProperties = new HashMap<>();

  @AfterEach
  void restoreSystemProperties() {
    previousProperties.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  @Test
  void spansAndLogsArriveWithTheLabResource() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      setProperty("otel.exporter.otlp.endpoint", receiver.endpoint());
      setProperty("otel.bsp.schedule.delay", "50");
      setProperty("otel.blrp.schedule.delay", "50");
      OpenTelemetrySdk sdk = LabTelemetry.autoconfigure(Map.of("LAB_ENVIRONMENT", "classroom"));
      try (RunningBackend app = RunningBackend.start(dir.resolve("tasks.db"), sdk)) {
        app.postJson("/api/tasks", "{\"title\":\"exported\"}");

        Span server =
            await()
                .atMost(Duration.ofSeconds(15))
                .until(
                    () -> receiver.spans().stream().filter(s -> s.getName().equals("POST /api/tasks")).findFirst(),
                    java.util.Optional::isPresent)
                .orElseThrow();
        String traceId = HexFormat.of().formatHex(server.getTraceId().toByteArray());
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    receiver.logRecords().stream()
                        .anyMatch(
                            l ->
                                l.getBody().getStringValue().equals("Task created")
                                    && HexFormat.of().formatHex(l.getTraceId().toByteArray()).equals(traceId)));

        for (ResourceSpans spans : receiver.resourceSpans()) {
          assertLabResource(spans.getResource());
        }
        for (ResourceLogs logs : receiver.resourceLogs()) {
          assertLabResource(logs.getResource());
        }
        assertThat(receiver.spans()).anyMatch(s -> s.getName().equals("create_task"));
      } finally {
        TelemetryShutdown.flushAndShutdown(sdk);
      }
    }
  }

  @Test
  void aBurstLargerThanTheSdksDefaultQueuesIsExportedWhole() throws Exception {
    int burst = 10_000; // the SDK's own queues hold 2,048 spans and 2,048 log records
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      setProperty("otel.exporter.otlp.endpoint", receiver.endpoint());
      receiver.holdAnswers();
      OpenTelemetrySdk sdk = LabTelemetry.autoconfigure(Map.of());
      try {
        Tracer tracer = sdk.getTracer("burst");
        Logger logger = sdk.getLogsBridge().get("burst");
        for (int i = 0; i < burst; i++) {
          tracer.spanBuilder("burst").startSpan().end();
          logger.logRecordBuilder().setBody("burst").emit();
        }
      } finally {
        receiver.answer();
        TelemetryShutdown.flushAndShutdown(sdk);
      }

      assertThat(receiver.spans()).hasSize(burst);
      assertThat(receiver.logRecords()).hasSize(burst);
    }
  }

  @Test
  void sdkDisabledMeansNoTelemetryButAWorkingService() throws Exception {
    setProperty("otel.sdk.disabled", "true");
    OpenTelemetrySdk sdk = LabTelemetry.autoconfigure(Map.of());
    try (RunningBackend app = RunningBackend.start(dir.resolve("tasks.db"), sdk)) {
      assertThat(app.postJson("/api/tasks", "{\"title\":\"quiet\"}").statusCode()).isEqualTo(201);
      assertThat(sdk.getTracer("probe").spanBuilder("probe").startSpan().getSpanContext().isValid()).isFalse();
    } finally {
      TelemetryShutdown.flushAndShutdown(sdk);
    }
  }

  @Test
  void userSettingsWinOverLabDefaults() {
    assertThat(LabTelemetry.defaults(Map.of()))
        .containsEntry("otel.service.name", "lab-backend")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
    assertThat(LabTelemetry.defaults(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=a, service.name=custom")))
        .doesNotContainKey("otel.service.name");
    io.opentelemetry.sdk.resources.Resource given =
        io.opentelemetry.sdk.resources.Resource.builder()
            .put("deployment.environment.name", "prod")
            .put("service.version", "9")
            .build();
    io.opentelemetry.sdk.resources.Resource result =
        LabTelemetry.withLabAttributes(given, Map.of("LAB_ENVIRONMENT", "ignored"));
    assertThat(result.getAttribute(LabTelemetry.DEPLOYMENT_ENVIRONMENT)).isEqualTo("prod");
    assertThat(result.getAttribute(LabTelemetry.SERVICE_VERSION)).isEqualTo("9");
  }

  private static void assertLabResource(Resource resource) {
    assertThat(OtlpReceiver.attribute(resource, "service.name")).hasValue("lab-backend");
    assertThat(OtlpReceiver.attribute(resource, "service.version")).hasValue(BuildInfo.version());
    assertThat(BuildInfo.version()).isNotEqualTo("unknown");
    assertThat(OtlpReceiver.attribute(resource, "deployment.environment.name")).hasValue("classroom");
    assertThat(OtlpReceiver.attribute(resource, "host.name")).isPresent();
    assertThat(OtlpReceiver.attribute(resource, "process.pid")).isPresent();
  }

  private void setProperty(String key, String value) {
    previousProperties.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }
}
