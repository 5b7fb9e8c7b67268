package dev.otellab.ui.traces;

import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import dev.otellab.presentation.DurationText;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.AutoRefresh;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeForm;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trace search: the form's fields with their validation messages, the results, and the
 * search command. Queries run on the background executor; results and errors are applied on
 * the UI executor.
 */
public final class TraceSearchViewModel {
    public static final int RESULT_LIMIT = 200;
    public static final Duration AUTO_REFRESH_PERIOD = Duration.ofSeconds(5);

    private final TraceSource traces;
    private final SliSource slis;
    private final UiExecutors executors;
    private final LatestQuery<List<TraceSummary>> query;
    private final AttributeCompletion attributeCompletion;

    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final StringProperty spanName = new SimpleStringProperty(this, "spanName", "");
    private final StringProperty minDuration = new SimpleStringProperty(this, "minDuration", "");
    private final StringProperty maxDuration = new SimpleStringProperty(this, "maxDuration", "");
    private final BooleanProperty errorsOnly = new SimpleBooleanProperty(this, "errorsOnly");
    private final StringProperty attributes = new SimpleStringProperty(this, "attributes", "");
    private final TimeRangeForm timeRange;

    private final StringBinding minDurationError;
    private final StringBinding maxDurationError;
    private final StringBinding attributesError;
    private final StringBinding rangeError;
    private final BooleanBinding canSearch;

    private final ObservableList<TraceSummary> results = FXCollections.observableArrayList();
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper resultSummary = new ReadOnlyStringWrapper(this, "resultSummary", "");
    private final TreeSet<String> knownServices = new TreeSet<>();
    /** Operation (root span) names seen in results, offered as the user types. */
    private final TreeSet<String> knownOperations = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final AutoRefresh autoRefresh;

    public TraceSearchViewModel(TraceSource traces, SliSource slis, UiExecutors executors) {
        this(traces, slis, null, executors);
    }

    /** @param traceTags the attribute names and values the Attributes field offers; null offers none */
    public TraceSearchViewModel(TraceSource traces, SliSource slis, TraceTags traceTags, UiExecutors executors) {
        this.traces = traces;
        this.attributeCompletion = new AttributeCompletion(traceTags, executors.clock());
        this.slis = slis;
        this.executors = executors;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        minDurationError = Bindings.createStringBinding(() -> DurationText.problem(minDuration.get()), minDuration);
        maxDurationError = Bindings.createStringBinding(() -> maxProblem(), minDuration, maxDuration);
        attributesError = Bindings.createStringBinding(() -> AttributeFilter.problem(attributes.get()), attributes);
        this.timeRange = new TimeRangeForm(executors.clock(), TimeRangeChoice.SEARCHES, TimeRangeChoice.LAST_HOUR);
        this.autoRefresh = new AutoRefresh(executors, AUTO_REFRESH_PERIOD, this::autoRefreshTick);
        rangeError = timeRange.problemProperty();
        canSearch = minDurationError.isEmpty().and(maxDurationError.isEmpty())
                .and(attributesError.isEmpty()).and(rangeError.isEmpty());
    }

    /** Builds the criteria from the form; IllegalArgumentException says what is wrong. */
    public TraceSearchCriteria criteria() {
        return new TraceSearchCriteria(service.get(), spanName.get(),
                DurationText.parse(minDuration.get()), DurationText.parse(maxDuration.get()),
                errorsOnly.get(), AttributeFilter.parse(attributes.get()));
    }

    /** The window the form describes, as of now. */
    public TimeRange timeRange() {
        return timeRange.resolve();
    }

    /** Runs the search; a form with mistakes shows the first one instead. */
    public void search() {
        TraceSearchCriteria criteria;
        TimeRange window;
        try {
            criteria = criteria();
            window = timeRange();
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        errorMessage.set("");
        // one more than is shown: tells whether the list is all there is
        query.run(() -> traces.search(criteria, window, RESULT_LIMIT + 1), found -> applyResults(found, criteria),
                this::applyError);
    }

    public void cancel() {
        query.cancel();
        resultSummary.set("Search cancelled");
    }

    /** Fills the service choices from the SLI source (services that served requests in the range). */
    public void loadServices() {
        TimeRange window;
        try {
            window = timeRange();
        } catch (IllegalArgumentException e) {
            window = TimeRange.last(Duration.ofHours(24), executors.clock());
        }
        TimeRange finalWindow = window;
        new LatestQuery<List<String>>(executors.background(), executors.ui())
                .run(() -> slis.services(finalWindow), this::addServices, message -> { });
    }

    /** Called by the auto-refresh timer: searches again when the view shows and nothing runs. */
    public void autoRefreshTick() {
        if (autoRefresh.wanted() && !query.isRunning() && canSearch.get()) {
            search();
        }
    }

    /** The form as text, to remember between runs. */
    public Map<String, String> saveState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("service", service.get());
        state.put("spanName", spanName.get());
        state.put("minDuration", minDuration.get());
        state.put("maxDuration", maxDuration.get());
        state.put("errorsOnly", Boolean.toString(errorsOnly.get()));
        state.put("attributes", attributes.get());
        timeRange.save(state);
        autoRefresh.save(state);
        return state;
    }

    public void restoreState(Map<String, String> state) {
        service.set(state.getOrDefault("service", service.get()));
        spanName.set(state.getOrDefault("spanName", spanName.get()));
        minDuration.set(state.getOrDefault("minDuration", minDuration.get()));
        maxDuration.set(state.getOrDefault("maxDuration", maxDuration.get()));
        errorsOnly.set(Boolean.parseBoolean(state.getOrDefault("errorsOnly", Boolean.toString(errorsOnly.get()))));
        attributes.set(state.getOrDefault("attributes", attributes.get()));
        timeRange.restore(state);
        autoRefresh.restore(state);
    }

    /** Known operation names that contain {@code typed} (any case), for the operation field's completion. */
    public List<String> operationSuggestions(String typed) {
        String part = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        return knownOperations.stream().filter(name -> name.toLowerCase(java.util.Locale.ROOT).contains(part))
                .filter(name -> !name.equalsIgnoreCase(part)).limit(15).toList();
    }

    /**
     * Completions of the Attributes field's last token ({@code typed} is the whole field): names,
     * or the values of the key once it reads {@code key=}; each carries the field's new text.
     * Queries the source (kept a few seconds per range): call off the UI thread.
     */
    public List<AttributeSuggestion> attributeSuggestions(String typed) {
        return attributeCompletion.suggest(typed, timeRange.key(), this::timeRange);
    }

    private void applyResults(List<TraceSummary> found, TraceSearchCriteria criteria) {
        boolean more = found.size() > RESULT_LIMIT;
        List<TraceSummary> shown = more ? found.subList(0, RESULT_LIMIT) : found;
        results.setAll(shown);
        shown.forEach(summary -> {
            knownServices.add(summary.rootService());
            knownServices.addAll(summary.services());
            knownOperations.add(summary.rootName());
        });
        services.setAll(knownServices);
        int errors = (int) shown.stream().filter(TraceSummary::hasErrors).count();
        String text;
        if (shown.isEmpty()) {
            text = !criteria.service().isEmpty() && !knownServices.isEmpty() && !knownServices.contains(criteria.service())
                    ? "No service is named \"" + criteria.service() + "\": the services seen are " + String.join(", ", knownServices)
                    : "No traces match these filters in this time range";
        } else {
            text = shown.size() + (shown.size() == 1 ? " trace" : " traces")
                    + (errors > 0 ? ", " + errors + " with errors" : "")
                    + (more ? " (the newest " + RESULT_LIMIT + " of more: narrow the time range or add filters to see the rest)" : "");
        }
        resultSummary.set(text);
    }

    private void applyError(String message) {
        errorMessage.set(message);
        resultSummary.set("");
    }

    private void addServices(List<String> names) {
        knownServices.addAll(names);
        services.setAll(knownServices);
    }

    private String maxProblem() {
        String own = DurationText.problem(maxDuration.get());
        if (!own.isEmpty()) {
            return own;
        }
        try {
            Duration min = DurationText.parse(minDuration.get());
            Duration max = DurationText.parse(maxDuration.get());
            if (min != null && max != null && min.compareTo(max) > 0) {
                return "The maximum is smaller than the minimum";
            }
        } catch (IllegalArgumentException minIsWrong) {
            return "";
        }
        return "";
    }

    /** The window closes: stop the auto-refresh timer. */
    public void close() {
        autoRefresh.close();
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public StringProperty spanNameProperty() {
        return spanName;
    }

    public StringProperty minDurationProperty() {
        return minDuration;
    }

    public StringProperty maxDurationProperty() {
        return maxDuration;
    }

    public BooleanProperty errorsOnlyProperty() {
        return errorsOnly;
    }

    public StringProperty attributesProperty() {
        return attributes;
    }

    /** The time range part of the form. */
    public TimeRangeForm timeRangeForm() {
        return timeRange;
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh.onProperty();
    }

    /** Set by the view: auto-refresh only runs while the view shows. */
    public BooleanProperty visibleProperty() {
        return autoRefresh.visibleProperty();
    }

    public StringBinding minDurationErrorProperty() {
        return minDurationError;
    }

    public StringBinding maxDurationErrorProperty() {
        return maxDurationError;
    }

    public StringBinding attributesErrorProperty() {
        return attributesError;
    }

    public StringBinding rangeErrorProperty() {
        return rangeError;
    }

    public BooleanBinding canSearchProperty() {
        return canSearch;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return query.runningProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultSummaryProperty() {
        return resultSummary.getReadOnlyProperty();
    }

    public ObservableList<TraceSummary> results() {
        return results;
    }

    public ObservableList<String> services() {
        return services;
    }
}
