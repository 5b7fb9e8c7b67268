package dev.otellab.app;

import dev.otellab.bundle.DockerImageBundles;
import dev.otellab.config.BundledFiles;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.docker.compose.ComposeFileLocator;
import dev.otellab.lab.docker.DockerLab;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.docker.GrafanaPassword;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.remote.RemoteLab;
import dev.otellab.lab.remote.RemoteLabSettings;
import dev.otellab.lab.remote.RemoteSettingsStore;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.lgtm.LgtmSources;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.remote.RemoteSources;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place that makes a lab engine for a mode. Engines are made, not started.
 */
public final class LabEngines {
    /**
     * The shortest window of the SLI queries' rate(): four of the stack's Prometheus scrape
     * intervals (5 s in stack/prometheus/prometheus.yml).
     */
    public static final Duration DOCKER_RATE_WINDOW = Duration.ofSeconds(20);

    private LabEngines() {
    }

    /**
     * An engine of {@code mode}: embedded with {@code embedded}'s settings; Docker on the stack
     * the console ships (stack/compose.yaml); Remote on the settings saved in the config folder.
     * May throw what opening the embedded store throws (TelemetryQueryException,
     * UncheckedIOException).
     */
    public static LabEngine open(LabMode mode, EmbeddedLabSettings embedded) {
        return switch (mode) {
            case EMBEDDED -> new EmbeddedLab(embedded);
            case DOCKER -> docker(embedded.directories());
            case REMOTE -> remote(embedded.directories());
        };
    }

    /**
     * The window's lab: embedded first (its store opens now); Docker and Remote are made when the
     * user chooses them in the Lab view.
     */
    public static SwitchableLab switchable(EmbeddedLabSettings embedded) {
        return switchable(embedded, choice -> dockerEndpoints(choice, null));
    }

    /** As {@link #switchable(EmbeddedLabSettings)}, Docker mode reading each trace choice's backends at {@code docker}. */
    public static SwitchableLab switchable(EmbeddedLabSettings embedded, Function<TraceSourceChoice, LgtmEndpoints> docker) {
        Map<LabMode, Supplier<? extends LabEngine>> modes = new LinkedHashMap<>();
        EmbeddedLab first = new EmbeddedLab(embedded);
        modes.put(LabMode.EMBEDDED, () -> first);
        modes.put(LabMode.DOCKER, () -> docker(embedded.directories(), docker));
        // one remote engine, for the mode and for the Lab view's settings form, made when first needed
        Supplier<RemoteLab> remote = once(() -> remote(embedded.directories()));
        modes.put(LabMode.REMOTE, remote);
        RemoteLabSettings settings = new RemoteLabSettings(remote,
                new RemoteSettingsStore(embedded.directories().configDir()));
        return new SwitchableLab(LabMode.EMBEDDED, modes, settings);
    }

    /**
     * The query ports over an LGTM stack as a mode reads it, for the window's lab engines and the
     * CLI's {@code --mode docker|remote} alike, so that both faces send the same queries. Docker:
     * the SLI queries' rate() spans at least {@link #DOCKER_RATE_WINDOW} (the stack scrapes every
     * 5 s); Remote: at least a minute, for Prometheus's default 15 s scrapes.
     */
    public static LgtmSources lgtmSources(LabMode mode, LgtmEndpoints endpoints) {
        return switch (mode) {
            case DOCKER -> RemoteSources.connect(endpoints, LgtmClientSettings.DEFAULT, DOCKER_RATE_WINDOW);
            case REMOTE -> RemoteSources.connect(endpoints);
            case EMBEDDED -> throw new IllegalArgumentException("The embedded lab reads its own store, not an LGTM stack");
        };
    }

    /** Where the Docker stack's Jaeger (query API) and Zipkin answer: their ports in stack/compose.yaml. */
    static final URI DOCKER_JAEGER = URI.create("http://127.0.0.1:16686");
    static final URI DOCKER_ZIPKIN = URI.create("http://127.0.0.1:9411");

    /**
     * Where Docker mode reads, for the window's trace source setting and the CLI's
     * {@code --mode docker [--tempo|--jaeger|--zipkin URL]} alike: the stack's Loki, Prometheus and
     * Grafana on 127.0.0.1, traces from {@code traces} at {@code url}, or (null) where the stack
     * publishes it (Tempo, or the jaeger-zipkin profile's Jaeger or Zipkin).
     */
    public static LgtmEndpoints dockerEndpoints(TraceSourceChoice traces, URI url) {
        LgtmEndpoints stack = LgtmEndpoints.dockerDefaults();
        URI published = switch (traces) {
            case TEMPO -> stack.tempo();
            case JAEGER -> DOCKER_JAEGER;
            case ZIPKIN -> DOCKER_ZIPKIN;
        };
        return stack.withTraceSource(traceBackend(traces), url != null ? url : published);
    }

    /** The backend a trace choice reads. */
    public static Backend traceBackend(TraceSourceChoice traces) {
        return switch (traces) {
            case TEMPO -> Backend.TEMPO;
            case JAEGER -> Backend.JAEGER;
            case ZIPKIN -> Backend.ZIPKIN;
        };
    }

    /** The LGTM stack in Docker, read through the backends it publishes on 127.0.0.1 (traces as chosen). */
    public static DockerLab docker(DataDirectories directories) {
        return docker(directories, choice -> dockerEndpoints(choice, null));
    }

    /** As {@link #docker(DataDirectories)}, reading the stack's backends at {@code endpoints} whatever the trace choice. */
    public static DockerLab docker(DataDirectories directories, LgtmEndpoints endpoints) {
        return docker(directories, choice -> endpoints);
    }

    /**
     * As {@link #docker(DataDirectories)}, reading each trace choice's backends at {@code endpoints}.
     * Nothing is written or contacted here: Grafana's password file is made by the lab's first Start.
     */
    public static DockerLab docker(DataDirectories directories, Function<TraceSourceChoice, LgtmEndpoints> endpoints) {
        BundledFiles files = BundledFiles.forThisProcess();
        DockerLabSettings settings = DockerLabSettings.of(
                ComposeFileLocator.locate(),
                files.locate(BundledFiles.Item.LAB_BACKEND_JAR),
                GrafanaPassword.keptIn(directories.grafanaAdminPasswordFile()));
        LgtmSources sources = lgtmSources(LabMode.DOCKER, endpoints.apply(TraceSourceChoice.TEMPO));
        DockerLab lab = new DockerLab(settings, dockerTraces(sources, endpoints), sources.logs(), sources.slis(),
                sources.serviceMap());
        String version = LabEngines.class.getPackage().getImplementationVersion();
        lab.useImageBundles(new DockerImageBundles(settings, version == null ? "development build" : version));
        return lab;
    }

    /** Each trace choice's source, made when a Start first asks for it and kept for later Starts. */
    private static Function<TraceSourceChoice, TraceSource> dockerTraces(LgtmSources tempo,
                                                                      Function<TraceSourceChoice, LgtmEndpoints> endpoints) {
        Map<TraceSourceChoice, TraceSource> made = new ConcurrentHashMap<>();
        made.put(TraceSourceChoice.TEMPO, tempo.traces());
        return choice -> made.computeIfAbsent(choice, chosen -> lgtmSources(LabMode.DOCKER, endpoints.apply(chosen)).traces());
    }

    /** {@code make}'s value, made on the first call and kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** A team's stack, with the URLs and sign-in saved in the config folder (none yet: Start says what to set). */
    public static RemoteLab remote(DataDirectories directories) {
        return new RemoteLab(new RemoteSettingsStore(directories.configDir()).load());
    }
}
