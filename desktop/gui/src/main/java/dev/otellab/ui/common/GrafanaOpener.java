package dev.otellab.ui.common;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.TimeRange;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Open in Grafana" for the views: the same trace, log query or SLI dashboard in Grafana's
 * Explore or dashboards, when the lab's mode has a Grafana (Docker, or Remote with a Grafana
 * URL). The link is also copied to the status bar message when no browser opens.
 * Call on the UI thread.
 */
public final class GrafanaOpener {
    private final Supplier<Optional<ExploreLinks>> grafana;
    private final Consumer<String> notifier;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");

    /**
     * @param grafana  links into the Grafana there is now (asked again on each {@link #refresh()})
     * @param notifier shows a sentence in the status bar
     */
    public GrafanaOpener(Supplier<Optional<ExploreLinks>> grafana, Consumer<String> notifier) {
        this.grafana = grafana;
        this.notifier = notifier;
        refresh();
    }

    /** Looks again whether there is a Grafana (the lab started, stopped or changed mode). */
    public void refresh() {
        available.set(grafana.get().isPresent());
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public Optional<URI> traceLink(TraceId traceId, TimeRange range) {
        return links().map(links -> links.trace(traceId, range));
    }

    public Optional<URI> logsLink(LogFilter filter, TimeRange range) {
        return links().map(links -> links.logs(filter, range));
    }

    public Optional<URI> sliDashboardLink(TimeRange range) {
        return links().map(links -> links.sliDashboard(range));
    }

    /** Opens the link in the browser, or says there is no Grafana in this mode. */
    public void open(Optional<URI> link) {
        if (link.isEmpty()) {
            notifier.accept("There is no Grafana in this lab mode");
            return;
        }
        notifier.accept("Opening " + link.get());
        ExternalBrowser.open(link.get().toString(), notifier);
    }

    private Optional<ExploreLinks> links() {
        return grafana.get();
    }
}
