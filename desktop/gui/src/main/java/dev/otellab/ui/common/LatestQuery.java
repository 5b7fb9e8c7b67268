package dev.otellab.ui.common;

import dev.otellab.telemetry.query.TelemetryQueryException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one query at a time for a view model: the work on the background executor, the result
 * on the UI executor. A newer run or {@link #cancel()} makes the older result stale: it is
 * dropped, never applied. Failures reach the view as a sentence for the user (the message of a
 * {@link TelemetryQueryException} or {@link IllegalArgumentException}); anything else is logged
 * with its stack trace and reported by its kind.
 *
 * <p>Call {@link #run} and {@link #cancel} on the UI thread.
 */
public final class LatestQuery<T> {
    private static final Logger LOG = LoggerFactory.getLogger(LatestQuery.class);

    private final Executor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private long generation;
    private CompletableFuture<T> current;

    public LatestQuery(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public void run(Supplier<T> work, Consumer<T> onResult, Consumer<String> onError) {
        cancelCurrent();
        long mine = ++generation;
        running.set(true);
        CompletableFuture<T> future = CompletableFuture.supplyAsync(work, background);
        current = future;
        future.whenComplete((result, failure) -> ui.execute(() -> {
            if (mine != generation) {
                return; // a newer run or a cancel superseded this one
            }
            running.set(false);
            current = null;
            if (failure == null) {
                onResult.accept(result);
            } else {
                onError.accept(userMessage(failure));
            }
        }));
    }

    /** Drops the running query's result; the view leaves its busy state at once. */
    public void cancel() {
        cancelCurrent();
        generation++;
        running.set(false);
    }

    private void cancelCurrent() {
        if (current != null) {
            current.cancel(true);
            current = null;
        }
    }

    /** The sentence a view shows for a failed query. */
    public static String userMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TelemetryQueryException || cause instanceof IllegalArgumentException) {
            String message = cause.getMessage();
            return message == null || message.isBlank() ? "The query failed" : message;
        }
        LOG.warn("Query failed unexpectedly", cause);
        String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return "The query failed unexpectedly (" + cause.getClass().getSimpleName() + detail + ")";
    }
}
