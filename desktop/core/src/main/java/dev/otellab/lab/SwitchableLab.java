package dev.otellab.lab;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.SloTargets;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.QueryDirection;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.Subscription;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One lab engine whose mode the user chooses: it runs the engine of the selected mode and
 * hands out query ports that always read from that engine, so the views keep their ports when
 * the mode changes. Engines are made on first use (the Docker one only when Docker is chosen)
 * and kept until {@link #close()}; live log tails move to the new mode's source on a switch.
 */
public final class SwitchableLab implements LabEngine, ModeSwitch {
    private final Map<LabMode, Supplier<? extends LabEngine>> factories;
    private final Map<LabMode, LabEngine> engines = new EnumMap<>(LabMode.class);
    private final LabListeners listeners = new LabListeners();
    private final List<Consumer<LabMode>> modeListeners = new CopyOnWriteArrayList<>();
    private final List<MovingTail> tails = new CopyOnWriteArrayList<>();
    private final TraceSource traces = new CurrentTraces();
    private final TraceTags traceTags = new CurrentTraceTags();
    private final LogSource logs = new CurrentLogs();
    private final SliSource slis = new CurrentSlis();
    private final ServiceMapSource serviceMap = range -> readableEngine().serviceMap().map(range);
    private final RemoteSettings remoteSettings;
    private volatile LabEngine current;
    /** Whether the current engine's lab was started (and not stopped since): its backends can be read. */
    private volatile boolean started;

    /**
     * @param initial   the mode to begin in; its engine is made now
     * @param factories the modes offered, in the order the user sees them, each with how to make its engine
     */
    public SwitchableLab(LabMode initial, Map<LabMode, Supplier<? extends LabEngine>> factories) {
        this(initial, factories, null);
    }

    /**
     * @param initial        the mode to begin in; its engine is made now
     * @param factories      the modes offered, in the order the user sees them, each with how to make its engine
     * @param remoteSettings the remote mode's settings (null when no remote mode is offered)
     */
    public SwitchableLab(LabMode initial, Map<LabMode, Supplier<? extends LabEngine>> factories,
                         RemoteSettings remoteSettings) {
        this.factories = new LinkedHashMap<>(factories);
        this.remoteSettings = remoteSettings;
        if (!this.factories.containsKey(initial)) {
            throw new IllegalArgumentException("No engine for the initial mode " + initial);
        }
        current = engine(initial);
    }

    @Override
    public List<LabMode> modes() {
        return List.copyOf(factories.keySet());
    }

    /**
     * Makes {@code mode} current: stops the current lab first (its data stays), makes the new
     * mode's engine if it does not exist yet, and moves live log tails to it.
     *
     * @throws IllegalStateException when the new mode's engine cannot be made, with the reason
     */
    @Override
    public void select(LabMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (!factories.containsKey(mode)) {
            throw new IllegalArgumentException("This console offers no " + mode + " mode");
        }
        LabEngine previous;
        LabEngine next;
        synchronized (this) {
            previous = current;
            if (previous.mode() == mode) {
                return;
            }
            next = engine(mode);
            previous.stop();
            current = next;
            started = false;
        }
        tails.forEach(MovingTail::moveTo);
        modeListeners.forEach(listener -> listener.accept(mode));
        LabStatus status = next.status();
        listeners.statusChanged(status);
    }

    @Override
    public void addModeListener(Consumer<LabMode> listener) {
        modeListeners.add(listener);
    }

    /** The engine of the current mode. */
    public LabEngine current() {
        return current;
    }

    /** The engine of {@code mode} if it was made. */
    public synchronized Optional<LabEngine> engineIfMade(LabMode mode) {
        return Optional.ofNullable(engines.get(mode));
    }

    /**
     * The engine of {@code mode}, made now if needed, without switching to it (the Lab view's
     * remote settings form configures the remote engine before the user chooses Remote).
     */
    public LabEngine engineOf(LabMode mode) {
        if (!factories.containsKey(mode)) {
            throw new IllegalArgumentException("This console offers no " + mode + " mode");
        }
        return engine(mode);
    }

    private LabEngine engine(LabMode mode) {
        synchronized (this) {
            LabEngine existing = engines.get(mode);
            if (existing != null) {
                return existing;
            }
            LabEngine made = Objects.requireNonNull(factories.get(mode).get(), "engine of " + mode);
            made.addStatusListener(status -> {
                if (current == made) {
                    listeners.statusChanged(status);
                }
            });
            made.addBackendOutputListener(line -> {
                if (current == made) {
                    listeners.printed(line);
                }
            });
            engines.put(mode, made);
            return made;
        }
    }

    @Override
    public LabMode mode() {
        return current.mode();
    }

    @Override
    public void start() throws LabStartException, InterruptedException {
        current.start();
        started = true;
        tails.forEach(MovingTail::moveTo);
    }

    @Override
    public void stop() {
        boolean wasReadable = readable();
        started = false;
        current.stop();
        if (wasReadable != readable()) {
            tails.forEach(MovingTail::moveTo);
        }
    }

    /**
     * Whether the views may read the current mode's backends: the embedded store always (it is a
     * local folder), another mode's Tempo, Loki and Prometheus only while its lab runs (before,
     * nothing answers there, and choosing a mode must change nothing until Start).
     */
    private boolean readable() {
        return current.mode() == LabMode.EMBEDDED || started;
    }

    /** The current engine, for a query; while it cannot be read, a message saying to start the lab. */
    private LabEngine readableEngine() {
        LabEngine engine = current;
        if (engine.mode() != LabMode.EMBEDDED && !started) {
            throw new TelemetryQueryException("The " + engine.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + " lab is not started: press Start in the Lab view to read its telemetry");
        }
        return engine;
    }

    @Override
    public LabStatus status() {
        return current.status();
    }

    @Override
    public void addStatusListener(Consumer<LabStatus> listener) {
        listeners.addStatusListener(listener);
    }

    @Override
    public void addBackendOutputListener(Consumer<String> listener) {
        listeners.addOutputListener(listener);
    }

    @Override
    public Optional<String> telemetryEndpoint() {
        return current.telemetryEndpoint();
    }

    @Override
    public Optional<URI> backendUrl() {
        return current.backendUrl();
    }

    @Override
    public Optional<URI> webUrl() {
        return current.webUrl();
    }

    @Override
    public Optional<StackControl> stackControl() {
        return current.stackControl();
    }

    @Override
    public Optional<URI> grafanaUrl() {
        return current.grafanaUrl();
    }

    @Override
    public Optional<ExploreLinks> grafanaLinks() {
        return current.grafanaLinks();
    }

    @Override
    public Optional<ModeSwitch> modeSwitch() {
        return Optional.of(this);
    }

    @Override
    public Optional<RemoteSettings> remoteSettings() {
        return Optional.ofNullable(remoteSettings);
    }

    @Override
    public Optional<Traffic> traffic() {
        return current.traffic();
    }

    @Override
    public TraceSource traces() {
        return traces;
    }

    /**
     * Always there: reads the current mode's names and values under the same rule as the other
     * ports (only while a non-embedded mode's lab runs); none where that mode cannot list them.
     */
    @Override
    public Optional<TraceTags> traceTags() {
        return Optional.of(traceTags);
    }

    /** Into the embedded engine's store, whatever the current mode. */
    @Override
    public Optional<dev.otellab.telemetry.files.TraceImport> traceImport() {
        return engineIfMade(LabMode.EMBEDDED).flatMap(LabEngine::traceImport);
    }

    @Override
    public LogSource logs() {
        return logs;
    }

    @Override
    public SliSource slis() {
        return slis;
    }

    @Override
    public ServiceMapSource serviceMap() {
        return serviceMap;
    }

    /** Stops and closes every engine made. */
    @Override
    public void close() {
        tails.forEach(MovingTail::close);
        List<LabEngine> made;
        synchronized (this) {
            made = new ArrayList<>(engines.values());
        }
        RuntimeException first = null;
        for (LabEngine engine : made) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private final class CurrentTraces implements TraceSource {
        @Override
        public List<TraceSummary> search(TraceSearchCriteria criteria, TimeRange range, int limit) {
            return readableEngine().traces().search(criteria, range, limit);
        }

        @Override
        public Optional<Trace> trace(TraceId traceId) {
            return readableEngine().traces().trace(traceId);
        }
    }

    private final class CurrentTraceTags implements TraceTags {
        @Override
        public List<String> tagNames(TimeRange range) {
            return readableEngine().traceTags().map(tags -> tags.tagNames(range)).orElse(List.of());
        }

        @Override
        public List<String> tagValues(String name, TimeRange range) {
            return readableEngine().traceTags().map(tags -> tags.tagValues(name, range)).orElse(List.of());
        }
    }

    private final class CurrentLogs implements LogSource {
        @Override
        public List<LogRecord> query(LogFilter filter, TimeRange range, int limit, QueryDirection direction) {
            return readableEngine().logs().query(filter, range, limit, direction);
        }

        @Override
        public java.util.Optional<String> unavailable() {
            return current.logs().unavailable();
        }

        @Override
        public Subscription tail(LogFilter filter, Consumer<List<LogRecord>> listener) {
            MovingTail tail = new MovingTail(filter, listener);
            tails.add(tail);
            tail.moveTo();
            return tail;
        }
    }

    private final class CurrentSlis implements SliSource {
        @Override
        public SliReport sli(String service, TimeRange range, Duration step) {
            return readableEngine().slis().sli(service, range, step);
        }

        @Override
        public List<SloStatus> sloStatus(String service, TimeRange range, SloTargets targets) {
            return readableEngine().slis().sloStatus(service, range, targets);
        }

        @Override
        public List<String> services(TimeRange range) {
            return readableEngine().slis().services(range);
        }
    }

    /**
     * A live tail that follows the current mode: on a switch, a start or a stop it closes and
     * re-opens on the source that can be read now (none while a mode's lab is not started).
     */
    private final class MovingTail implements Subscription {
        private final LogFilter filter;
        private final Consumer<List<LogRecord>> listener;
        private Subscription inner;
        private boolean closed;

        MovingTail(LogFilter filter, Consumer<List<LogRecord>> listener) {
            this.filter = filter;
            this.listener = listener;
        }

        synchronized void moveTo() {
            if (closed) {
                return;
            }
            if (inner != null) {
                inner.close();
                inner = null;
            }
            if (readable()) {
                inner = current.logs().tail(filter, listener);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            tails.remove(this);
            if (inner != null) {
                inner.close();
            }
        }
    }
}
