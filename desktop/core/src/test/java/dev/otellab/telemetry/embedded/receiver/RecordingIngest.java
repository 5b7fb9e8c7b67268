package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.MetricPoint;
import dev.otellab.telemetry.model.Span;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test implementation of our own ingest port: it records the batches it is given and can be
 * told to act saturated, to fail the stage, or to hold the stage until the test completes it.
 */
final class RecordingIngest implements TelemetryIngest {
    /** FULL: says so when asked ({@link #saturation}), before any batch is offered. */
    enum Mode { COMPLETE, SATURATED, FULL, FAIL, HOLD }

    private final List<TelemetryBatch> batches = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.COMPLETE;

    void mode(Mode value) {
        mode = value;
    }

    @Override
    public CompletionStage<Void> accept(TelemetryBatch batch) {
        switch (mode) {
            case SATURATED -> throw new StoreSaturatedException("write queue full (test)", Duration.ofMillis(2500));
            case FAIL -> {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full (test)"));
            }
            case HOLD -> {
                CompletableFuture<Void> stage = new CompletableFuture<>();
                held.add(stage);
                batches.add(batch);
                return stage;
            }
            default -> {
                batches.add(batch);
                return CompletableFuture.completedFuture(null);
            }
        }
    }

    @Override
    public Optional<Duration> saturation() {
        return mode == Mode.FULL ? Optional.of(Duration.ofMillis(1500)) : Optional.empty();
    }

    List<TelemetryBatch> batches() {
        return batches;
    }

    List<CompletableFuture<Void>> held() {
        return held;
    }

    List<Span> spans() {
        List<Span> all = new ArrayList<>();
        batches.forEach(batch -> all.addAll(batch.spans()));
        return all;
    }

    List<LogRecord> logs() {
        List<LogRecord> all = new ArrayList<>();
        batches.forEach(batch -> all.addAll(batch.logs()));
        return all;
    }

    List<MetricPoint> metrics() {
        List<MetricPoint> all = new ArrayList<>();
        batches.forEach(batch -> all.addAll(batch.metrics()));
        return all;
    }

    Span span(String name) {
        return spans().stream().filter(span -> span.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans()));
    }

    void clear() {
        batches.clear();
        held.clear();
    }
}
