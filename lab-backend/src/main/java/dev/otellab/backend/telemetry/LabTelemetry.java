package dev.otellab.backend.telemetry;

import dev.otellab.backend.BuildInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the OpenTelemetry SDK from the standard OTEL_* variables (or otel.* system properties),
 * with lab defaults underneath: the user's settings always win over these.
 */
public final class LabTelemetry {

  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");
  static final String DEFAULT_SERVICE_NAME = "lab-backend";
  static final String DEFAULT_ENVIRONMENT = "lab";
  static final int MAX_QUEUE_SIZE = 16_384;
  // The SDK's own size. Every item waiting for its batch is alive at each young collection and is
  // copied by it: 2,048-item batches made the instrumented service's pauses longer (decision 0055).
  static final int MAX_EXPORT_BATCH_SIZE = 512;

  // Held strongly: java.util.logging forgets levels set on loggers nobody references.
  private static final Logger RESOURCE_MERGE_LOGGER =
      Logger.getLogger("io.opentelemetry.sdk.resources.Resource");

  private LabTelemetry() {}

  /**
   * The SDK as Main runs it. The autoconfigure shutdown hook is off: {@link
   * TelemetryShutdown} flushes after the HTTP server has drained, not before.
   */
  public static OpenTelemetrySdk autoconfigure(Map<String, String> environment) {
    return autoconfigure(environment, DEFAULT_SERVICE_NAME);
  }

  /** The same SDK for another of the lab's services, named {@code defaultServiceName} unless OTEL_* say otherwise. */
  public static OpenTelemetrySdk autoconfigure(Map<String, String> environment, String defaultServiceName) {
    // Resource detectors use different semconv schema URLs; the SDK reports each merge at INFO.
    RESOURCE_MERGE_LOGGER.setLevel(Level.WARNING);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults(environment, defaultServiceName))
        .addResourceCustomizer((resource, config) -> withLabAttributes(resource, environment))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  static Map<String, String> defaults(Map<String, String> environment) {
    return defaults(environment, DEFAULT_SERVICE_NAME);
  }

  static Map<String, String> defaults(Map<String, String> environment, String defaultServiceName) {
    Map<String, String> defaults = new HashMap<>();
    if (!resourceAttributesName("service.name", environment)) {
      defaults.put("otel.service.name", defaultServiceName);
    }
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put("otel.traces.exporter", "otlp");
    defaults.put("otel.logs.exporter", "otlp");
    // Metrics leave through Prometheus /metrics only: one source of truth, nothing counted twice.
    defaults.put("otel.metrics.exporter", "none");
    // Every span and log record is kept (decision 0052): the SDK's 2,048-item queues overflowed
    // under load while an export was in flight.
    for (String processor : List.of("bsp", "blrp")) {
      defaults.put("otel." + processor + ".max.queue.size", Integer.toString(MAX_QUEUE_SIZE));
      defaults.put("otel." + processor + ".max.export.batch.size", Integer.toString(MAX_EXPORT_BATCH_SIZE));
    }
    return defaults;
  }

  static Resource withLabAttributes(Resource resource, Map<String, String> environment) {
    ResourceBuilder builder = resource.toBuilder();
    if (resource.getAttribute(SERVICE_VERSION) == null) {
      builder.put(SERVICE_VERSION, BuildInfo.version());
    }
    if (resource.getAttribute(DEPLOYMENT_ENVIRONMENT) == null) {
      String environmentName = environment.get("LAB_ENVIRONMENT");
      builder.put(
          DEPLOYMENT_ENVIRONMENT,
          environmentName == null || environmentName.isBlank()
              ? DEFAULT_ENVIRONMENT
              : environmentName);
    }
    return builder.build();
  }

  /** Whether the user named this resource attribute in OTEL_RESOURCE_ATTRIBUTES / -Dotel.resource.attributes. */
  private static boolean resourceAttributesName(String key, Map<String, String> environment) {
    String fromProperty = System.getProperty("otel.resource.attributes", "");
    String fromEnvironment = environment.getOrDefault("OTEL_RESOURCE_ATTRIBUTES", "");
    return (fromProperty + "," + fromEnvironment).matches("(?s)(.*,)?\\s*" + key.replace(".", "\\.") + "\\s*=.*");
  }
}
