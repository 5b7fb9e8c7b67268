package dev.otellab.lab.remote;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabListeners;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.lgtm.GrafanaLinks;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.lgtm.ConnectionCheck;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.remote.RemoteSources;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lab on a team's existing stack: the console starts nothing. "Start" connects: every
 * configured backend must answer (its build information, with the configured credentials),
 * and each one becomes a part with its version, or with why it did not answer. The views read
 * through the trace (Tempo, Zipkin or Jaeger), Loki and Prometheus clients whether connected or not.
 */
public final class RemoteLab implements LabEngine {
    private final Function<LgtmEndpoints, List<ConnectionCheck.Result>> check;
    private final LabListeners listeners = new LabListeners();
    private volatile LgtmEndpoints endpoints;
    private volatile LgtmSources sources;
    private volatile List<PartStatus> parts;

    public RemoteLab(LgtmEndpoints endpoints) {
        this(endpoints, ConnectionCheck::run);
    }

    RemoteLab(LgtmEndpoints endpoints, Function<LgtmEndpoints, List<ConnectionCheck.Result>> check) {
        this.check = check;
        use(endpoints);
    }

    /** Points the lab at other URLs or credentials; connect again with {@link #start()}. */
    public void configure(LgtmEndpoints next) {
        use(next);
        publish();
    }

    /** "Test connection": each configured backend's answer, without changing the lab. Blocks. */
    public List<ConnectionCheck.Result> test(LgtmEndpoints candidate) {
        return check.apply(candidate);
    }

    public LgtmEndpoints endpoints() {
        return endpoints;
    }

    private synchronized void use(LgtmEndpoints next) {
        endpoints = next;
        sources = RemoteSources.connect(next);
        parts = stoppedParts(next);
    }

    /**
     * The views read a trace source (Tempo, Zipkin or Jaeger), Loki and Prometheus; with Zipkin or
     * Jaeger, Loki is optional (the mode then has no logs). Grafana is optional (links only).
     */
    private static List<String> missingBackends(LgtmEndpoints endpoints) {
        List<String> missing = new ArrayList<>();
        Backend traces = endpoints.traceBackend();
        if (traces.urlIn(endpoints) == null) {
            missing.add("Tempo, Zipkin or Jaeger");
        }
        if (traces == Backend.TEMPO && endpoints.loki() == null) {
            missing.add(Backend.LOKI.displayName());
        }
        if (endpoints.prometheus() == null) {
            missing.add(Backend.PROMETHEUS.displayName());
        }
        return missing;
    }

    private static List<PartStatus> stoppedParts(LgtmEndpoints endpoints) {
        List<PartStatus> stopped = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            URI url = backend.urlIn(endpoints);
            if (url != null) {
                stopped.add(new PartStatus(backend.displayName(), PartState.STOPPED, url.toString()));
            }
        }
        return stopped;
    }

    @Override
    public LabMode mode() {
        return LabMode.REMOTE;
    }

    @Override
    public void start() throws LabStartException {
        LgtmEndpoints target = endpoints;
        List<String> missing = missingBackends(target);
        if (!missing.isEmpty()) {
            throw new LabStartException("Remote mode needs the URL of " + String.join(", ", missing),
                    List.of("Fill in the remote stack's URLs in the Lab view and press Save, then Start."));
        }
        parts = stoppedParts(target).stream()
                .map(part -> new PartStatus(part.part(), PartState.STARTING, "connecting to " + part.detail())).toList();
        publish();
        List<ConnectionCheck.Result> results = check.apply(target);
        parts = results.stream().map(result -> new PartStatus(result.backend().displayName(),
                result.ok() ? PartState.HEALTHY : PartState.FAILED,
                result.ok() ? result.message() + " at " + result.url() : result.url() + ": " + result.message())).toList();
        publish();
        List<String> failures = results.stream().filter(result -> !result.ok())
                .map(result -> result.backend().displayName() + " (" + result.url() + "): " + result.message()).toList();
        if (!failures.isEmpty()) {
            throw new LabStartException("The remote stack did not answer: " + failures.size() + " of "
                    + results.size() + " backends failed", failures);
        }
    }

    @Override
    public void stop() {
        parts = stoppedParts(endpoints);
        publish();
    }

    @Override
    public LabStatus status() {
        return new LabStatus(LabMode.REMOTE, parts);
    }

    @Override
    public void addStatusListener(Consumer<LabStatus> listener) {
        listeners.addStatusListener(listener);
    }

    /** A remote stack runs no lab-backend of the console's: there is no output. */
    @Override
    public void addBackendOutputListener(Consumer<String> listener) {
        // nothing to follow
    }

    @Override
    public Optional<String> telemetryEndpoint() {
        return Optional.empty();
    }

    @Override
    public Optional<URI> backendUrl() {
        return Optional.empty();
    }

    @Override
    public Optional<URI> grafanaUrl() {
        return Optional.ofNullable(endpoints.grafana());
    }

    @Override
    public Optional<ExploreLinks> grafanaLinks() {
        return grafanaUrl().map(GrafanaLinks::new);
    }

    @Override
    public Optional<Traffic> traffic() {
        return Optional.empty();
    }

    @Override
    public TraceSource traces() {
        return sources.traces();
    }

    @Override
    public Optional<TraceTags> traceTags() {
        return Optional.ofNullable(sources.traceTags());
    }

    @Override
    public LogSource logs() {
        return sources.logs();
    }

    @Override
    public SliSource slis() {
        return sources.slis();
    }

    @Override
    public ServiceMapSource serviceMap() {
        return range -> sources.serviceMap().map(range);
    }

    @Override
    public void close() {
        stop();
    }

    private void publish() {
        LabStatus snapshot = status();
        listeners.statusChanged(snapshot);
    }
}
