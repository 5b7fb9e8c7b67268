package dev.otellab.ui.waterfall;

import dev.otellab.telemetry.model.SpanId;
import dev.otellab.telemetry.model.TraceId;
import dev.otellab.presentation.BarGeometry;
import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.common.LatestQuery;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.Navigator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One trace as a waterfall: the visible rows (collapsed subtrees hidden, or only the rows
 * matching the search and their ancestors), the critical path, each span's bar and self time,
 * and the selected span's details. Everything per trace is computed once when it loads, so
 * expanding, collapsing and searching cost one pass over the spans.
 */
public final class WaterfallViewModel {
    private final TraceSource traces;
    private final Navigator navigator;
    private final LatestQuery<Optional<Trace>> query;

    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyStringWrapper requestedTraceId = new ReadOnlyStringWrapper(this, "requestedTraceId", "");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper(this, "errorMessage", "");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty onlyMatching = new SimpleBooleanProperty(this, "onlyMatching");
    private final BooleanProperty logsAvailable = new SimpleBooleanProperty(this, "logsAvailable", true);
    private final ReadOnlyIntegerWrapper matchCount = new ReadOnlyIntegerWrapper(this, "matchCount");
    private final ObjectProperty<WaterfallRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<SpanDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ObservableList<WaterfallRow> rows = FXCollections.observableArrayList();

    // Per loaded trace, by index in depth-first order.
    private List<SpanNode> nodes = List.of();
    private int[] parentIndex = new int[0];
    private long[] selfTimes = new long[0];
    private BarGeometry[] bars = new BarGeometry[0];
    private String[] searchText = new String[0];
    private boolean[] matches = new boolean[0];
    private Set<String> criticalPath = Set.of();
    private final Set<String> collapsed = new HashSet<>();
    /** The span to select when the trace being loaded arrives; empty: the root. */
    private String wantedSpanId = "";

    public WaterfallViewModel(TraceSource traces, UiExecutors executors, Navigator navigator) {
        this.traces = traces;
        this.navigator = navigator;
        this.query = new LatestQuery<>(executors.background(), executors.ui());
        search.addListener((observable, was, is) -> applySearch());
        onlyMatching.addListener((observable, was, is) -> rebuildRows());
        selected.addListener((observable, was, is) -> details.set(is == null ? null
                : SpanDetails.of(is.span(), trace.get().startUnixNano(), is.selfTimeNanos())));
    }

    /** Loads a trace by id (typed or clicked); a bad id or a missing trace is reported, not thrown. */
    public void open(String traceId) {
        open(traceId, "");
    }

    /** Loads a trace and selects the span {@code spanId} in it (empty or not in the trace: the root). */
    public void open(String traceId, String spanId) {
        wantedSpanId = spanId == null ? "" : spanId;
        TraceId id;
        try {
            id = TraceId.parse(traceId);
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        requestedTraceId.set(id.hex());
        errorMessage.set("");
        query.run(() -> traces.trace(id), found -> {
            if (found.isPresent()) {
                show(found.get());
            } else {
                errorMessage.set("Trace " + id + " was not found. Its spans may not have arrived yet: try again in a moment (F5).");
            }
        }, errorMessage::set);
    }

    /** Loads the same trace again (more spans may have arrived). */
    public void reload() {
        if (!requestedTraceId.get().isEmpty()) {
            open(requestedTraceId.get());
        }
    }

    /** Shows a trace already in memory (all per-trace numbers are computed here, once). */
    public void show(Trace loaded) {
        nodes = loaded.depthFirst();
        int count = nodes.size();
        parentIndex = new int[count];
        selfTimes = new long[count];
        bars = new BarGeometry[count];
        searchText = new String[count];
        matches = new boolean[count];
        int[] lastAtDepth = new int[maxDepth(nodes) + 1];
        long start = loaded.startUnixNano();
        long duration = loaded.durationNanos();
        for (int i = 0; i < count; i++) {
            SpanNode node = nodes.get(i);
            int depth = node.depth();
            lastAtDepth[depth] = i;
            parentIndex[i] = depth == 0 ? -1 : lastAtDepth[depth - 1];
            selfTimes[i] = node.selfTimeNanos();
            bars[i] = BarGeometry.of(node.span(), start, duration);
        }
        criticalPath = CriticalPath.of(loaded);
        collapsed.clear();
        selected.set(null);
        requestedTraceId.set(loaded.traceId());
        trace.set(loaded);
        errorMessage.set("");
        applySearch();
        String wanted = wantedSpanId;
        wantedSpanId = "";
        if (!rows.isEmpty()) {
            selected.set(rows.stream().filter(row -> row.span().spanId().equals(wanted)).findFirst().orElse(rows.get(0)));
        }
    }

    public void toggle(WaterfallRow row) {
        if (!row.hasChildren()) {
            return;
        }
        setExpanded(row, !row.expanded());
    }

    public void setExpanded(WaterfallRow row, boolean expanded) {
        String id = row.span().spanId();
        boolean changed = expanded ? collapsed.remove(id) : row.hasChildren() && collapsed.add(id);
        if (changed) {
            rebuildRows();
        }
    }

    public void expandAll() {
        collapsed.clear();
        rebuildRows();
    }

    /** Collapses every span with children: only the roots stay visible. */
    public void collapseAll() {
        for (SpanNode node : nodes) {
            if (!node.children().isEmpty()) {
                collapsed.add(node.span().spanId());
            }
        }
        rebuildRows();
    }

    /** Opens the logs view on the selected span's records. */
    public void showLogsForSpan() {
        WaterfallRow row = selected.get();
        if (row != null && logsAvailable.get()) {
            navigator.showLogs(LogFilter.forSpan(new TraceId(row.span().traceId()), new SpanId(row.span().spanId())));
        }
    }

    /** Opens the logs view on the whole trace's records. */
    public void showLogsForTrace() {
        if (trace.get() != null && logsAvailable.get()) {
            navigator.showLogs(LogFilter.forTrace(trace.get().id()));
        }
    }

    /** Opens the logs view on a trace's records, e.g. the one selected in the search results. */
    public void showLogsForTraceId(TraceId traceId) {
        if (logsAvailable.get()) {
            navigator.showLogs(LogFilter.forTrace(traceId));
        }
    }

    /**
     * Whether the lab's mode has logs to open from a trace (not with traces from Zipkin or Jaeger
     * and no Loki): without them the trace-to-logs actions are hidden and do nothing.
     */
    public BooleanProperty logsAvailableProperty() {
        return logsAvailable;
    }

    /**
     * Selects the span with this id, expanding its collapsed ancestors (and showing every row when
     * the "only matching" filter hides it); false when the loaded trace has no such span.
     */
    public boolean selectSpan(String spanId) {
        int index = -1;
        for (int i = 0; i < nodes.size() && index < 0; i++) {
            if (nodes.get(i).span().spanId().equals(spanId)) {
                index = i;
            }
        }
        if (index < 0) {
            return false;
        }
        for (int at = parentIndex[index]; at >= 0; at = parentIndex[at]) {
            collapsed.remove(nodes.get(at).span().spanId());
        }
        if (onlyMatching.get() && !matches[index]) {
            onlyMatching.set(false);
        }
        rebuildRows();
        rows.stream().filter(row -> row.span().spanId().equals(spanId)).findFirst().ifPresent(selected::set);
        return true;
    }

    /** The span ids on the critical path of the loaded trace. */
    public Set<String> criticalPath() {
        return criticalPath;
    }

    private void applySearch() {
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        int found = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (needle.isEmpty()) {
                matches[i] = false;
                continue;
            }
            if (searchText[i] == null) {
                searchText[i] = searchableText(nodes.get(i));
            }
            matches[i] = searchText[i].contains(needle);
            if (matches[i]) {
                found++;
            }
        }
        matchCount.set(found);
        rebuildRows();
    }

    private void rebuildRows() {
        List<WaterfallRow> visible = new ArrayList<>();
        boolean filter = onlyMatching.get() && !search.get().isBlank();
        if (filter) {
            boolean[] keep = new boolean[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                if (matches[i]) {
                    for (int at = i; at >= 0 && !keep[at]; at = parentIndex[at]) {
                        keep[at] = true;
                    }
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                if (keep[i]) {
                    visible.add(row(i, true));
                }
            }
        } else {
            int hideDeeperThan = Integer.MAX_VALUE;
            for (int i = 0; i < nodes.size(); i++) {
                SpanNode node = nodes.get(i);
                if (node.depth() > hideDeeperThan) {
                    continue;
                }
                hideDeeperThan = Integer.MAX_VALUE;
                boolean expanded = !collapsed.contains(node.span().spanId());
                visible.add(row(i, expanded));
                if (!expanded) {
                    hideDeeperThan = node.depth();
                }
            }
        }
        WaterfallRow previous = selected.get();
        rows.setAll(visible);
        if (previous != null) {
            String id = previous.span().spanId();
            selected.set(visible.stream().filter(row -> row.span().spanId().equals(id)).findFirst().orElse(null));
        }
    }

    private WaterfallRow row(int index, boolean expanded) {
        SpanNode node = nodes.get(index);
        return new WaterfallRow(node, !node.children().isEmpty(), expanded,
                criticalPath.contains(node.span().spanId()), matches[index], bars[index], selfTimes[index]);
    }

    private static String searchableText(SpanNode node) {
        StringBuilder text = new StringBuilder()
                .append(node.span().name()).append('\n')
                .append(node.span().serviceName()).append('\n')
                .append(node.span().spanId()).append('\n')
                .append(node.span().statusMessage()).append('\n');
        for (Map.Entry<String, Object> attribute : node.span().attributes().entrySet()) {
            text.append(attribute.getKey()).append('=').append(Attributes.asText(attribute.getValue())).append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static int maxDepth(List<SpanNode> nodes) {
        int max = 0;
        for (SpanNode node : nodes) {
            max = Math.max(max, node.depth());
        }
        return max;
    }

    public ReadOnlyObjectProperty<Trace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty requestedTraceIdProperty() {
        return requestedTraceId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return query.runningProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty onlyMatchingProperty() {
        return onlyMatching;
    }

    public ReadOnlyIntegerProperty matchCountProperty() {
        return matchCount.getReadOnlyProperty();
    }

    public ObjectProperty<WaterfallRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<SpanDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ObservableList<WaterfallRow> rows() {
        return rows;
    }
}
