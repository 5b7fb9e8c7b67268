package dev.otellab.backend.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints that exist to make interesting telemetry: a slow request, a failing one, and one that
 * burns CPU. Without a parameter, simulate-slow waits 1 s and work spins 100 ms. The failing one
 * is a route of the task domain (the overdue-tasks report) so that "which route fails?" is a
 * question the telemetry answers, not the route's name.
 */
final class LabRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(LabRoutes.class);
  private static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("lab.delay_ms");
  private static final AttributeKey<Long> WORK_MS = AttributeKey.longKey("lab.work_ms");

  private final Tracer tracer;

  LabRoutes(Tracer tracer) {
    this.tracer = tracer;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/simulate-slow", this::slow);
    routes.get("/api/reports/overdue", this::overdueReport);
    routes.get("/api/work", this::work);
  }

  @SuppressWarnings("try") // the Scope is only held open
  private void slow(Context ctx) throws InterruptedException {
    long delayMillis = TaskRequests.slowDelayMillis(ctx);
    Span span = tracer.spanBuilder("simulate_slow").setAttribute(DELAY_MS, delayMillis).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LOG.atInfo().setMessage("Simulating a slow operation").addKeyValue("delay_ms", delayMillis).log();
      Thread.sleep(delayMillis);
    } finally {
      span.end();
    }
    ctx.json(Map.of("delay_seconds", delayMillis / 1000.0));
  }

  private void overdueReport(Context ctx) {
    TaskRequests.noParameters(ctx);
    throw new SimulatedFailureException("overdue report failed: the report renderer is down (a failure the lab injects on purpose)");
  }

  @SuppressWarnings("try") // the Scope is only held open
  private void work(Context ctx) {
    long millis = TaskRequests.workMillis(ctx);
    Span span = tracer.spanBuilder("synthetic_work").setAttribute(WORK_MS, millis).startSpan();
    long iterations;
    try (Scope ignored = span.makeCurrent()) {
      iterations = spin(millis);
    } finally {
      span.end();
    }
    ctx.json(Map.of("ms", millis, "iterations", iterations));
  }

  /** Keeps one core busy until the deadline; the result is returned so the JIT cannot drop the loop. */
  private static long spin(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long iterations = 0;
    long accumulator = 17;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 1_000; i++) {
        accumulator = accumulator * 6364136223846793005L + 1442695040888963407L;
      }
      iterations++;
    }
    return iterations + (accumulator == 0 ? 1 : 0);
  }

  /** The exception /api/reports/overdue raises on purpose. */
  static final class SimulatedFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedFailureException(String message) {
      super(message);
    }
  }
}
