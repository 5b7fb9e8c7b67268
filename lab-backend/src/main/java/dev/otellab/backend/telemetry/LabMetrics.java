package dev.otellab.backend.telemetry;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one source of a lab service's metrics: a registry of its own (not the static default, so
 * several apps can live in one JVM) exposed on /metrics in the format the scraper asks for.
 */
public final class LabMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final HttpMetrics http;
  private final TaskMetrics tasks;

  public LabMetrics() {
    this(true);
  }

  private LabMetrics(boolean withTaskMetrics) {
    JvmMetrics.builder().register(registry);
    http = new HttpMetrics(registry);
    tasks = withTaskMetrics ? new TaskMetrics(registry) : null;
  }

  /** JVM and HTTP metrics only, under the same names: for lab-web, which keeps no tasks. */
  public static LabMetrics withoutTaskMetrics() {
    return new LabMetrics(false);
  }

  public HttpMetrics http() {
    return http;
  }

  public TaskMetrics tasks() {
    if (tasks == null) {
      throw new IllegalStateException("these metrics were made without the task counters");
    }
    return tasks;
  }

  /** A scrape rendered for the given Accept header (OpenMetrics, with exemplars, when asked). */
  public Scrape scrape(String acceptHeader) {
    ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
    return new Scrape(writer.getContentType(), out -> writer.write(out, registry.scrape()));
  }

  /** A rendered scrape, written lazily to the response. */
  public record Scrape(String contentType, Body body) {}

  /** Writes the exposition to a stream. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }
}
