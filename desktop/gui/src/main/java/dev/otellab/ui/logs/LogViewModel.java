package dev.otellab.ui.logs;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeForm;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log view: filters, the records shown (a bounded buffer, oldest dropped), the live tail
 * and its pause. Tail batches arrive on the source's thread and wait in a queue; one drain at
 * most every {@link #DRAIN_INTERVAL} applies them on the UI executor with one remove and one
 * addAll, so thousands of records per second cost ten list changes per second.
 */
public final class LogViewModel {
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration DRAIN_INTERVAL = Duration.ofMillis(100);

    private final LogSource logs;
    private final UiExecutors executors;
    private final Navigator navigator;
    private final int capacity;
    private final LatestQuery<List<LogRecord>> query;
    private final LogTailQueue pending;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong tailGeneration = new AtomicLong();

    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final ObjectProperty<Severity> minSeverity = new SimpleObjectProperty<>(this, "minSeverity", Severity.UNSPECIFIED);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty traceId = new SimpleStringProperty(this, "traceId", "");
    private final StringProperty spanId = new SimpleStringProperty(this, "spanId", "");
    private final TimeRangeForm timeRange;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final StringBinding traceIdError;
    private final StringBinding spanIdError;
    private final StringBinding rangeError;
    private final BooleanBinding canApply;

    private final ObservableList<LogRecord> records = FXCollections.observableArrayList();
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final TreeSet<String> knownServices = new TreeSet<>();
    /** Between the names of several chosen services. */
    public static final String SERVICE_SEPARATOR = ", ";
    private static final Comparator<LogRecord> BY_TIME = Comparator.comparingLong(LogRecord::timeUnixNano);
    private final List<LogRecord> held = new ArrayList<>();
    private final ReadOnlyIntegerWrapper newWhilePaused = new ReadOnlyIntegerWrapper(this, "newWhilePaused");
    private final ReadOnlyLongWrapper droppedCount = new ReadOnlyLongWrapper(this, "droppedCount");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper noLogs = new ReadOnlyStringWrapper(this, "noLogs", "");
    private final ObjectProperty<LogRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringBinding countText;

    private Subscription subscription;
    private boolean started;

    public LogViewModel(LogSource logs, UiExecutors executors, Navigator navigator) {
        this(logs, executors, navigator, DEFAULT_CAPACITY);
    }

    public LogViewModel(LogSource logs, UiExecutors executors, Navigator navigator, int capacity) {
        this.logs = logs;
        this.executors = executors;
        this.navigator = navigator;
        this.capacity = capacity;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        this.pending = new LogTailQueue(capacity);
        traceIdError = Bindings.createStringBinding(() -> idProblem(traceId.get(), true), traceId);
        spanIdError = Bindings.createStringBinding(() -> idProblem(spanId.get(), false), spanId);
        this.timeRange = new TimeRangeForm(executors.clock(), TimeRangeChoice.SEARCHES, TimeRangeChoice.LAST_15_MINUTES);
        rangeError = timeRange.problemProperty();
        canApply = traceIdError.isEmpty().and(spanIdError.isEmpty()).and(rangeError.isEmpty());
        countText = Bindings.createStringBinding(() -> {
            String shown = String.format("%,d records", records.size());
            return records.size() >= capacity ? shown + String.format(" (the newest %,d are kept)", capacity) : shown;
        }, records);
        // a chosen service is offered even before a record of it is seen (a saved filter, a trace's logs)
        service.addListener((observable, was, is) -> {
            if (knownServices.addAll(chosenServices())) {
                services.setAll(knownServices);
            }
        });
        follow.addListener((observable, was, is) -> {
            if (is) {
                resume();
            }
        });
    }

    /** Shows the view's records the first time it opens: the history, then the live tail. */
    public void start() {
        if (!started) {
            started = true;
            apply();
        }
    }

    /** The time range the form describes; IllegalArgumentException says what is wrong. */
    public TimeRange timeRange() {
        return timeRange.resolve();
    }

    /** The services the filter takes: the service text's names, separated by commas; none means any. */
    public Set<String> chosenServices() {
        Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String name : (service.get() == null ? "" : service.get()).split(",")) {
            if (!name.isBlank()) {
                chosen.add(name.strip());
            }
        }
        return chosen;
    }

    /** Chooses these services (none: any), in name order. */
    public void chooseServices(java.util.Collection<String> names) {
        service.set(String.join(SERVICE_SEPARATOR, new TreeSet<>(names)));
    }

    /** The filter the form describes; IllegalArgumentException says what is wrong. */
    public LogFilter filter() {
        TraceId trace = traceId.get().isBlank() ? null : TraceId.parse(traceId.get());
        SpanId span = spanId.get().isBlank() ? null : SpanId.parse(spanId.get());
        return new LogFilter(chosenServices(), minSeverity.get(), text.get().strip(), trace, span);
    }

    /**
     * Notes whether the lab's current mode has logs at all (traces from Zipkin or Jaeger without
     * Loki have none); true when it has. Cheap: asks no backend.
     */
    public boolean refreshAvailability() {
        noLogs.set(logs.unavailable().orElse(""));
        return noLogs.get().isEmpty();
    }

    /** Queries the history for the filters, then follows new records that match them. */
    public void apply() {
        started = true;
        if (!refreshAvailability()) {
            closeTail();
            records.clear();
            errorMessage.set("");
            return;
        }
        LogFilter filter;
        TimeRange window;
        try {
            filter = filter();
            window = timeRange.resolve();
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        errorMessage.set("");
        closeTail();
        held.clear();
        newWhilePaused.set(0);
        long generation = tailGeneration.incrementAndGet();
        try {
            subscription = logs.tail(filter, batch -> onTailBatch(generation, batch));
        } catch (RuntimeException e) {
            errorMessage.set("The live tail could not start: " + LatestQuery.userMessage(e));
        }
        query.run(() -> logs.query(filter, window, capacity, QueryDirection.NEWEST_FIRST),
                this::applyHistory, errorMessage::set);
    }

    /** Opens the view on the records of a trace or span (from the waterfall), whatever their age. */
    public void showLogs(LogFilter filter) {
        chooseServices(filter.services());
        minSeverity.set(filter.minSeverity());
        text.set(filter.text());
        traceId.set(filter.traceId() == null ? "" : filter.traceId().hex());
        spanId.set(filter.spanId() == null ? "" : filter.spanId().hex());
        if (filter.traceId() != null) {
            timeRange.choiceProperty().set(TimeRangeChoice.ANY_TIME);
        }
        apply();
    }

    /** Keeps the shown records still; new ones wait, counted. */
    public void pause() {
        follow.set(false);
    }

    /** Shows the records that arrived while paused and follows again. */
    public void resume() {
        if (!follow.get()) {
            follow.set(true); // the listener calls back here
            return;
        }
        if (!held.isEmpty()) {
            append(new ArrayList<>(held));
            held.clear();
        }
        newWhilePaused.set(0);
    }

    /** Empties the shown records; the tail goes on. */
    public void clear() {
        records.clear();
        held.clear();
        newWhilePaused.set(0);
        selected.set(null);
    }

    /** Opens the waterfall of a record's trace. */
    public void openTrace(LogRecord record) {
        if (record != null && record.hasTrace()) {
            navigator.showSpan(record.traceId(), record.spanId());
        }
    }

    /** Stops the live tail (the window closes). */
    public void close() {
        closeTail();
        tailGeneration.incrementAndGet();
    }

    /**
     * Applies the waiting tail records: called on the UI executor by the drain timer; tests may
     * call it directly. While the history query runs, records keep waiting.
     */
    public void drain() {
        drainScheduled.set(false);
        if (query.isRunning()) {
            return;
        }
        List<LogRecord> batch = pending.drain();
        droppedCount.set(pending.dropped());
        if (!batch.isEmpty()) {
            receive(batch);
        }
    }

    private void onTailBatch(long generation, List<LogRecord> batch) {
        if (generation != tailGeneration.get()) {
            return; // from a subscription replaced by a newer filter
        }
        pending.offer(batch);
        if (drainScheduled.compareAndSet(false, true)) {
            executors.timer().schedule(() -> executors.ui().execute(this::drain),
                    DRAIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void applyHistory(List<LogRecord> newestFirst) {
        List<LogRecord> history = new ArrayList<>(newestFirst);
        Collections.reverse(history);
        selected.set(null);
        records.setAll(history);
        noteServices(history);
        // Records that arrived by the tail while the history loaded may be in both: keep one.
        List<LogRecord> waiting = pending.drain();
        if (!waiting.isEmpty()) {
            Set<LogRecord> known = new HashSet<>(history.subList(Math.max(0, history.size() - waiting.size() * 2 - 100), history.size()));
            List<LogRecord> fresh = waiting.stream().filter(record -> !known.contains(record)).toList();
            if (!fresh.isEmpty()) {
                receive(fresh);
            }
        }
    }

    private void receive(List<LogRecord> batch) {
        noteServices(batch);
        if (follow.get()) {
            append(batch);
        } else {
            held.addAll(batch);
            if (held.size() > capacity) {
                held.subList(0, held.size() - capacity).clear();
            }
            newWhilePaused.set(newWhilePaused.get() + batch.size());
        }
    }

    /**
     * Adds tail records in time order with at most three list changes: records arrive in export
     * order, which is not quite time order (several threads, several exporters), so a record
     * older than the newest one shown is merged in among the shown records of its moment.
     * The buffer never holds more than the capacity.
     */
    private void append(List<LogRecord> batch) {
        List<LogRecord> arrived = new ArrayList<>(batch);
        arrived.sort(BY_TIME);
        int keep = records.size();
        if (!records.isEmpty() && arrived.get(0).timeUnixNano() < records.get(records.size() - 1).timeUnixNano()) {
            keep = firstShownAfter(arrived.get(0).timeUnixNano());
            List<LogRecord> merged = new ArrayList<>(records.subList(keep, records.size()));
            merged.addAll(arrived);
            merged.sort(BY_TIME);
            arrived = merged;
        }
        if (arrived.size() >= capacity) {
            records.setAll(arrived.subList(arrived.size() - capacity, arrived.size()));
            return;
        }
        if (keep < records.size()) {
            records.remove(keep, records.size());
        }
        int overflow = records.size() + arrived.size() - capacity;
        if (overflow > 0) {
            if (selected.get() != null && records.subList(0, overflow).contains(selected.get())) {
                selected.set(null);
            }
            records.remove(0, overflow);
        }
        records.addAll(arrived);
    }

    /** The index of the first shown record later than {@code unixNano} (shown records are in time order). */
    private int firstShownAfter(long unixNano) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).timeUnixNano() <= unixNano) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void noteServices(List<LogRecord> batch) {
        int before = knownServices.size();
        for (LogRecord record : batch) {
            knownServices.add(record.serviceName());
        }
        if (knownServices.size() != before) {
            services.setAll(knownServices);
        }
    }

    private void closeTail() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        pending.clear();
    }

    private static String idProblem(String id, boolean trace) {
        if (id == null || id.isBlank()) {
            return "";
        }
        try {
            if (trace) {
                TraceId.parse(id);
            } else {
                SpanId.parse(id);
            }
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The filters as text, to remember between runs (trace and span ids are not kept: they are for one visit). */
    public Map<String, String> saveState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("service", service.get());
        state.put("minSeverity", minSeverity.get().name());
        state.put("text", text.get());
        timeRange.save(state);
        state.put("follow", Boolean.toString(follow.get()));
        return state;
    }

    public void restoreState(Map<String, String> state) {
        service.set(state.getOrDefault("service", service.get()));
        try {
            minSeverity.set(Severity.valueOf(state.getOrDefault("minSeverity", minSeverity.get().name())));
        } catch (IllegalArgumentException unknown) {
            minSeverity.set(Severity.UNSPECIFIED);
        }
        timeRange.restore(state);
        text.set(state.getOrDefault("text", text.get()));
        follow.set(Boolean.parseBoolean(state.getOrDefault("follow", Boolean.toString(follow.get()))));
    }

    public int capacity() {
        return capacity;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public ObjectProperty<Severity> minSeverityProperty() {
        return minSeverity;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty traceIdProperty() {
        return traceId;
    }

    public StringProperty spanIdProperty() {
        return spanId;
    }

    /** The time range part of the form. */
    public TimeRangeForm timeRangeForm() {
        return timeRange;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public StringBinding traceIdErrorProperty() {
        return traceIdError;
    }

    public StringBinding spanIdErrorProperty() {
        return spanIdError;
    }

    public StringBinding rangeErrorProperty() {
        return rangeError;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    public ObservableList<LogRecord> records() {
        return records;
    }

    public ObservableList<String> services() {
        return services;
    }

    public ReadOnlyIntegerProperty newWhilePausedProperty() {
        return newWhilePaused.getReadOnlyProperty();
    }

    /** Records the tail queue dropped because they came faster than the view keeps. */
    public ReadOnlyLongProperty droppedCountProperty() {
        return droppedCount.getReadOnlyProperty();
    }

    /** Why this mode has no logs, in one sentence; "" when it has. */
    public ReadOnlyStringProperty noLogsProperty() {
        return noLogs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return query.runningProperty();
    }

    public ObjectProperty<LogRecord> selectedProperty() {
        return selected;
    }

    public StringBinding countTextProperty() {
        return countText;
    }
}
