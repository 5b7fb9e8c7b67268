package dev.otellab.ui.compare;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.diff.Presence;
import dev.otellab.telemetry.diff.SpanDiff;
import dev.otellab.telemetry.diff.TraceDiff;
import dev.otellab.telemetry.diff.TraceDiffer;
import dev.otellab.telemetry.diff.TypicalTraces;
import dev.otellab.telemetry.files.TraceFileException;
import dev.otellab.telemetry.files.TraceFileReader;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Two traces side by side: loads them (by id through the trace port, from a file, or the
 * typical trace of an operation) off the FX thread, aligns them, and holds the rows, the
 * headline with the total delta and the five spans contributing most to it.
 */
public final class CompareViewModel {
    private final TraceSource traces;
    private final LatestQuery<TraceDiff> query;
    private final ReadOnlyObjectWrapper<TraceDiff> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(this, "onlyDifferences", false);
    private final ObservableList<SpanDiff> rows = FXCollections.observableArrayList();
    private final ObservableList<SpanDiff> topContributors = FXCollections.observableArrayList();
    private AtomicBoolean cancelled = new AtomicBoolean();

    public CompareViewModel(TraceSource traces, UiExecutors executors) {
        this.traces = traces;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        onlyDifferences.addListener((observable, was, is) -> showRows());
    }

    /** Compares two traces by id (e.g. two rows of a search). */
    public void compareIds(String traceIdA, String traceIdB) {
        start("Loading both traces…", () -> {
            TraceId a = TraceId.parse(traceIdA); // both ids checked before either is read
            TraceId b = TraceId.parse(traceIdB);
            return TraceDiffer.diff(load(a), load(b));
        });
    }

    /** Compares a trace already shown with another trace id. */
    public void compareWith(Trace a, String traceIdB) {
        start("Loading " + traceIdB.trim() + "…", () -> TraceDiffer.diff(a, load(TraceId.parse(traceIdB))));
    }

    /** Compares a trace already shown with the first trace of a file. */
    public void compareWithFile(Trace a, Path file) {
        start("Reading " + file.getFileName() + "…", () -> TraceDiffer.diff(a, firstTrace(file)));
    }

    /** Compares two traces in memory. */
    public void compare(Trace a, Trace b) {
        start("Comparing…", () -> TraceDiffer.diff(a, b));
    }

    /** Compares a trace with the median of its operation's other traces in {@code range}. */
    public void compareWithTypical(Trace b, TimeRange range) {
        AtomicBoolean flag = new AtomicBoolean();
        cancelled = flag;
        start("Finding the other traces of " + b.rootSpan().name() + "…", () -> {
            List<Trace> others = new TypicalTraces(traces).others(b, range, TypicalTraces.DEFAULT_LIMIT, flag::get);
            if (others.isEmpty()) {
                throw new IllegalArgumentException("No other trace of " + b.rootSpan().serviceName() + " "
                        + b.rootSpan().name() + " in the search's time range: widen the range to compare with the typical trace.");
            }
            return dev.otellab.telemetry.diff.TypicalTrace.compare(b, others);
        });
    }

    public void cancel() {
        cancelled.set(true);
        query.cancel();
        progress.set("");
    }

    private void start(String work, Supplier<TraceDiff> task) {
        errorMessage.set("");
        progress.set(work);
        query.run(task, this::show, message -> {
            progress.set("");
            errorMessage.set(message);
        });
    }

    /** Shows a finished comparison (all rows are computed already; the view only binds). */
    public void show(TraceDiff result) {
        progress.set("");
        errorMessage.set("");
        diff.set(result);
        headline.set(headline(result));
        topContributors.setAll(result.topContributors());
        showRows();
    }

    private void showRows() {
        TraceDiff current = diff.get();
        if (current == null) {
            rows.clear();
        } else if (onlyDifferences.get()) {
            rows.setAll(current.spans().stream().filter(SpanDiff::hasDifference).toList());
        } else {
            rows.setAll(current.spans());
        }
    }

    static String headline(TraceDiff diff) {
        long delta = diff.totalDelta();
        String change;
        if (delta == 0) {
            change = "B takes as long as A";
        } else {
            String percent = "";
            if (diff.durationA() > 0) {
                double percentChange = 100.0 * delta / diff.durationA();
                percent = Math.abs(percentChange) < 1000 ? String.format(java.util.Locale.ROOT, " (%+.0f %%)", percentChange)
                        : String.format(java.util.Locale.ROOT, " (%,.0f× as long)", (double) diff.durationB() / diff.durationA());
            }
            change = "B is " + DurationText.format(Math.abs(delta)) + (delta > 0 ? " slower" : " faster") + " than A" + percent;
        }
        return change + " · " + diff.count(Presence.BOTH) + " spans aligned, " + diff.count(Presence.ONLY_A)
                + " only in A, " + diff.count(Presence.ONLY_B) + " only in B, " + diff.statusChanges()
                + (diff.statusChanges() == 1 ? " status change" : " status changes");
    }

    private Trace load(TraceId id) {
        return traces.trace(id).orElseThrow(() -> new TelemetryQueryException("Trace " + id + " was not found."));
    }

    private static Trace firstTrace(Path file) {
        try {
            List<Trace> found = TraceFileReader.read(file).traces();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(file.getFileName() + " holds log records but no trace to compare with.");
            }
            return found.get(0);
        } catch (TraceFileException e) {
            throw new IllegalArgumentException(file.getFileName() + " cannot be compared: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ReadOnlyObjectProperty<TraceDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return query.runningProperty();
    }

    public BooleanProperty onlyDifferencesProperty() {
        return onlyDifferences;
    }

    public ObservableList<SpanDiff> rows() {
        return rows;
    }

    public ObservableList<SpanDiff> topContributors() {
        return topContributors;
    }
}
