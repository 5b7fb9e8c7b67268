package dev.otellab.ui.map;

import dev.otellab.telemetry.map.ServiceCalls;
import dev.otellab.telemetry.model.MapEdge;
import dev.otellab.telemetry.model.MapNode;
import dev.otellab.telemetry.model.NodeKind;
import dev.otellab.telemetry.model.ServiceCall;
import dev.otellab.telemetry.model.ServiceMap;
import dev.otellab.telemetry.model.SloHealth;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.AutoRefresh;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.TimeRangeForm;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Map view: a time range, the service map of it laid out by call depth, each service's SLO
 * health (the default targets, over the same range), and on a click a node's traces (in the
 * Traces view) or an edge's traces. No trace search can ask "crosses this call", so the edge's
 * traces are found honestly on this side: the newest {@link #EDGE_CANDIDATES} traces of the
 * calling service (of the called one, for the user's calls) are read and those with such a call,
 * by the map's own rule, are listed. Auto-refresh asks again every {@link #AUTO_REFRESH_PERIOD}
 * while the view shows. Call the public methods on the UI thread.
 */
public final class MapViewModel {
    public static final Duration AUTO_REFRESH_PERIOD = Duration.ofSeconds(5);
    public static final int EDGE_CANDIDATES = 50;
    public static final int EDGE_TRACES = 20;
    /** A map of "any time" has no rate to speak of. */
    public static final List<TimeRangeChoice> RANGES = List.of(TimeRangeChoice.LAST_5_MINUTES,
            TimeRangeChoice.LAST_15_MINUTES, TimeRangeChoice.LAST_HOUR, TimeRangeChoice.LAST_6_HOURS,
            TimeRangeChoice.LAST_24_HOURS, TimeRangeChoice.CUSTOM);

    /** One refresh: the map, where its nodes go, and each service's health. */
    record Result(ServiceMap map, MapLayout layout, Map<String, SloHealth> health) {
    }

    /** An edge's traces, and what was looked through to find them. */
    record EdgeTraces(MapEdge edge, List<TraceSummary> traces, int candidates) {
    }

    private final ServiceMapSource maps;
    private final SliSource slis;
    private final TraceSource traces;
    private final UiExecutors executors;
    private final Navigator navigator;
    private final LatestQuery<Result> query;
    private final LatestQuery<EdgeTraces> edgeQuery;

    private final TimeRangeForm timeRange;
    private final StringBinding rangeError;
    private final ReadOnlyObjectWrapper<ServiceMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyObjectWrapper<MapLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout", MapLayout.EMPTY);
    private final ReadOnlyObjectWrapper<Map<String, SloHealth>> health = new ReadOnlyObjectWrapper<>(this, "health", Map.of());
    private final ReadOnlyObjectWrapper<MapEdge> selectedEdge = new ReadOnlyObjectWrapper<>(this, "selectedEdge");
    private final ObservableList<TraceSummary> edgeTraces = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper edgeText = new ReadOnlyStringWrapper(this, "edgeText", "");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final AutoRefresh autoRefresh;
    private TimeRange shownRange;

    public MapViewModel(ServiceMapSource maps, SliSource slis, TraceSource traces, UiExecutors executors,
                        Navigator navigator) {
        this.maps = maps;
        this.slis = slis;
        this.traces = traces;
        this.executors = executors;
        this.autoRefresh = new AutoRefresh(executors, AUTO_REFRESH_PERIOD, this::autoRefreshTick);
        this.navigator = navigator;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        this.edgeQuery = new LatestQuery<>(executors.background(), executors.ui());
        this.timeRange = new TimeRangeForm(executors.clock(), RANGES, TimeRangeChoice.LAST_15_MINUTES);
        rangeError = timeRange.problemProperty();
        timeRange.choiceProperty().addListener((observable, was, is) -> {
            if (is != TimeRangeChoice.CUSTOM) {
                refresh();
            }
        });
    }

    /** The range the form describes, as of now; a custom range needs a start and ends now when open. */
    public TimeRange timeRange() {
        return timeRange.resolveClosed("a map's rates need one");
    }

    /** Asks for the map of the range and the health of its services. */
    public void refresh() {
        TimeRange window;
        try {
            window = timeRange();
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        errorMessage.set("");
        query.run(() -> load(window), this::apply, errorMessage::set);
    }

    /** Called by the auto-refresh timer: asks again when the view shows and nothing runs. */
    public void autoRefreshTick() {
        if (autoRefresh.wanted() && !query.isRunning() && rangeError.get().isEmpty()) {
            refresh();
        }
    }

    private Result load(TimeRange window) {
        ServiceMap loaded = maps.map(window);
        Map<String, SloHealth> healths = new HashMap<>();
        for (MapNode node : loaded.nodes()) {
            if (node.kind() == NodeKind.SERVICE) {
                List<SloStatus> statuses = slis.sloStatus(node.id(), window, SloTargets.DEFAULT);
                healths.put(node.id(), statuses.isEmpty() ? SloHealth.NO_DATA : statuses.get(0).overall());
            }
        }
        return new Result(loaded, MapLayout.of(loaded), Map.copyOf(healths));
    }

    private void apply(Result result) {
        shownRange = new TimeRange(result.map().fromUnixNano(), result.map().toUnixNano());
        health.set(result.health());
        layout.set(result.layout());
        map.set(result.map());
        summary.set(result.map().isEmpty() ? "" : result.map().nodes().size() + " nodes, " + result.map().edges().size()
                + " calls");
        if (result.map().isEmpty()) {
            errorMessage.set("No calls between services in this range yet: start the lab and its traffic in the Lab view");
        }
        MapEdge selected = selectedEdge.get();
        if (selected != null && result.map().edge(selected.client(), selected.server()).isEmpty()) {
            clearEdge();
        }
    }

    /** A click on a node: the Traces view, searching that service's traces. */
    public void openNode(MapNode node) {
        if (node != null && hasTraces(node)) {
            TimeRangeChoice range = timeRange.choiceProperty().get();
            navigator.showServiceTraces(node.id(), range == TimeRangeChoice.CUSTOM ? TimeRangeChoice.LAST_15_MINUTES : range);
        }
    }

    /** True when a click on the node can list traces of its own (databases and peers send none). */
    public static boolean hasTraces(MapNode node) {
        return node.kind() == NodeKind.SERVICE || node.kind() == NodeKind.BROWSER;
    }

    /** A click on an edge: lists traces with that call, looked for among the calling service's newest. */
    public void selectEdge(MapEdge edge) {
        if (edge == null || shownRange == null) {
            return;
        }
        selectedEdge.set(edge);
        edgeTraces.clear();
        String searched = ServiceCalls.USER.equals(edge.client()) ? edge.server() : edge.client();
        edgeText.set("Looking for traces with a call " + edge.client() + " → " + edge.server() + "…");
        TimeRange window = shownRange;
        edgeQuery.run(() -> crossing(edge, searched, window), found -> {
            edgeTraces.setAll(found.traces());
            edgeText.set(found.traces().size() + " traces with a call " + edge.client() + " → " + edge.server()
                    + " among the " + found.candidates() + " newest of " + searched + " in the range"
                    + (found.traces().isEmpty() ? " (older ones may have it)" : ":"));
        }, errorMessage::set);
    }

    private EdgeTraces crossing(MapEdge edge, String service, TimeRange window) {
        List<TraceSummary> candidates = traces.search(TraceSearchCriteria.ANY.withService(service), window,
                EDGE_CANDIDATES);
        List<TraceSummary> found = new ArrayList<>();
        for (TraceSummary candidate : candidates) {
            if (found.size() == EDGE_TRACES) {
                break;
            }
            traces.trace(candidate.id()).filter(trace -> crosses(trace, edge)).ifPresent(trace -> found.add(candidate));
        }
        return new EdgeTraces(edge, List.copyOf(found), candidates.size());
    }

    /** True when the trace has a call from the edge's client to its server, by the map's rule. */
    public static boolean crosses(Trace trace, MapEdge edge) {
        for (ServiceCall call : ServiceCalls.of(trace)) {
            if (call.client().equals(edge.client()) && call.server().equals(edge.server())) {
                return true;
            }
        }
        return false;
    }

    public void clearEdge() {
        edgeQuery.cancel();
        selectedEdge.set(null);
        edgeTraces.clear();
        edgeText.set("");
    }

    /** Opens a listed trace's waterfall. */
    public void openTrace(TraceSummary summary) {
        if (summary != null) {
            navigator.showTrace(summary.traceId());
        }
    }

    /** "12.5 req/s · 4.0% errors · p95 90 ms": what an edge's label says. */
    public static String edgeLabel(MapEdge edge) {
        String rate = edge.ratePerSecond() >= 10 ? String.format(Locale.ROOT, "%.0f", edge.ratePerSecond())
                : String.format(Locale.ROOT, "%.2f", edge.ratePerSecond());
        String p95 = Double.isNaN(edge.p95Millis()) ? "p95 -" : "p95 " + millis(edge.p95Millis());
        return rate + " req/s · " + String.format(Locale.ROOT, "%.1f%%", edge.errorRatio() * 100) + " err · " + p95;
    }

    private static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        return millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    public void close() {
        autoRefresh.close();
    }

    public Map<String, String> saveState() {
        Map<String, String> state = new LinkedHashMap<>();
        timeRange.save(state);
        autoRefresh.save(state);
        return state;
    }

    public void restoreState(Map<String, String> state) {
        timeRange.restore(state);
        autoRefresh.restore(state);
    }

    /** The time range part of the form. */
    public TimeRangeForm timeRangeForm() {
        return timeRange;
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh.onProperty();
    }

    public BooleanProperty visibleProperty() {
        return autoRefresh.visibleProperty();
    }

    public StringBinding rangeErrorProperty() {
        return rangeError;
    }

    public ReadOnlyObjectProperty<ServiceMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MapLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<String, SloHealth>> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MapEdge> selectedEdgeProperty() {
        return selectedEdge.getReadOnlyProperty();
    }

    public ObservableList<TraceSummary> edgeTraces() {
        return edgeTraces;
    }

    public ReadOnlyStringProperty edgeTextProperty() {
        return edgeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return query.runningProperty();
    }
}
