package dev.otellab.ui.common;

import dev.otellab.telemetry.query.TelemetryQueryException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatestQueryTest {
    private final List<Runnable> backgroundWork = new ArrayList<>();
    private final TestExecutors.QueuedUi ui = new TestExecutors.QueuedUi();
    private final LatestQuery<String> query = new LatestQuery<>(backgroundWork::add, ui);
    private final List<String> results = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Test
    void appliesTheResultOnTheUiExecutorAndLeavesTheBusyState() {
        query.run(() -> "found", results::add, errors::add);
        assertThat(query.isRunning()).isTrue();
        backgroundWork.forEach(Runnable::run);
        assertThat(results).isEmpty();
        ui.runAll();
        assertThat(results).containsExactly("found");
        assertThat(query.isRunning()).isFalse();
    }

    @Test
    void anOlderResultNeverOverwritesANewerOne() {
        query.run(() -> "old", results::add, errors::add);
        query.run(() -> "new", results::add, errors::add);
        backgroundWork.forEach(Runnable::run);
        ui.runAll();
        assertThat(results).containsExactly("new");
    }

    @Test
    void aCancelledQueryAppliesNothing() {
        query.run(() -> "late", results::add, errors::add);
        query.cancel();
        assertThat(query.isRunning()).isFalse();
        backgroundWork.forEach(Runnable::run);
        ui.runAll();
        assertThat(results).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void failuresBecomeSentences() {
        query.run(() -> {
            throw new TelemetryQueryException("Tempo at http://127.0.0.1:3200 does not answer: is the lab running?");
        }, results::add, errors::add);
        backgroundWork.forEach(Runnable::run);
        ui.runAll();
        assertThat(errors).containsExactly("Tempo at http://127.0.0.1:3200 does not answer: is the lab running?");
        assertThat(LatestQuery.userMessage(new IllegalArgumentException("A trace id is 32 hexadecimal characters")))
                .isEqualTo("A trace id is 32 hexadecimal characters");
        assertThat(LatestQuery.userMessage(new java.util.concurrent.CompletionException(new NullPointerException("x"))))
                .isEqualTo("The query failed unexpectedly (NullPointerException: x)");
    }
}
