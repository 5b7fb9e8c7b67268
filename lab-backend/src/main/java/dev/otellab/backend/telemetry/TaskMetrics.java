package dev.otellab.backend.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Business counters of the task service. */
public final class TaskMetrics {

  private final Counter created;
  private final Counter completed;

  TaskMetrics(PrometheusRegistry registry) {
    created =
        Counter.builder().name("tasks_created_total").help("Tasks created").register(registry);
    completed =
        Counter.builder()
            .name("tasks_completed_total")
            .help("Tasks that changed from open to completed")
            .register(registry);
  }

  public void taskCreated() {
    created.inc();
  }

  public void taskCompleted() {
    completed.inc();
  }
}
