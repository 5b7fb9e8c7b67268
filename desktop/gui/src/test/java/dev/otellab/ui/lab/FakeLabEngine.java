package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.lgtm.GrafanaLinks;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.ui.InMemoryTelemetry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A lab engine in memory, for the Lab view model's tests: two parts, a start that succeeds or
 * fails as the test says, and output lines and part failures on demand. Its traffic generator
 * is the real one, aimed at a closed port (every request it sends fails to connect).
 */
public final class FakeLabEngine implements LabEngine {
    static final String RECEIVER = "OTLP receiver";
    static final String BACKEND = "lab-backend";
    static final URI URL = URI.create("http://127.0.0.1:9");

    private final List<Consumer<LabStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> outputListeners = new CopyOnWriteArrayList<>();
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    private volatile LabStartException nextFailure;
    private volatile List<PartStatus> parts = List.of(PartStatus.stopped(RECEIVER), PartStatus.stopped(BACKEND));
    private volatile TrafficGenerator traffic;
    private final LabMode mode;
    private volatile URI grafana;
    private volatile FakeStack stack;
    private volatile dev.otellab.telemetry.query.TraceTags traceTags;

    /** A stack of containers the view model can restart, reset and read logs of. */
    public static final class FakeStack implements dev.otellab.lab.StackControl {
        public final List<String> restarted = new CopyOnWriteArrayList<>();
        public final AtomicInteger resets = new AtomicInteger();
        public final List<Consumer<String>> logFollowers = new CopyOnWriteArrayList<>();
        public final AtomicInteger closedLogs = new AtomicInteger();

        @Override
        public List<String> services() {
            return List.of("otel-collector", "tempo", "lab-backend");
        }

        @Override
        public void restart(String service) {
            restarted.add(service);
        }

        @Override
        public java.io.Closeable followLogs(String service, int tail, Consumer<String> lines) {
            logFollowers.add(lines);
            lines.accept(service + " says hello");
            return closedLogs::incrementAndGet;
        }

        @Override
        public void reset() {
            resets.incrementAndGet();
        }

        /** Every trace source the view model chose, in order. */
        public final List<dev.otellab.lab.TraceSourceChoice> traceChoices = new CopyOnWriteArrayList<>();
        private volatile dev.otellab.lab.TraceSourceChoice traceSource = dev.otellab.lab.TraceSourceChoice.TEMPO;

        @Override
        public Optional<String> grafanaAdminPassword() {
            return Optional.of("generated-secret");
        }

        @Override
        public void useTraceSource(dev.otellab.lab.TraceSourceChoice choice) {
            traceChoices.add(choice);
            traceSource = choice;
        }

        @Override
        public dev.otellab.lab.TraceSourceChoice traceSource() {
            return traceSource;
        }

        /** Export writes one line to the file; import reads it back: enough for the view model's flow. */
        @Override
        public Optional<dev.otellab.lab.ImageBundles> imageBundles() {
            return Optional.of(new dev.otellab.lab.ImageBundles() {
                @Override
                public Outcome export(java.nio.file.Path file, java.util.function.DoubleConsumer progress) {
                    progress.accept(0.5);
                    try {
                        java.nio.file.Files.writeString(file, "images");
                    } catch (java.io.IOException e) {
                        return new Outcome(false, e.getMessage());
                    }
                    return new Outcome(true, "Saved 6 images to " + file);
                }

                @Override
                public Outcome importFrom(java.nio.file.Path file, java.util.function.DoubleConsumer progress) {
                    return java.nio.file.Files.exists(file) ? new Outcome(true, "Loaded 6 images")
                            : new Outcome(false, file + " does not exist");
                }
            });
        }
    }

    /** From now on the lab is a stack of containers with these controls. */
    public FakeStack withStack() {
        stack = new FakeStack();
        return stack;
    }

    @Override
    public Optional<dev.otellab.lab.StackControl> stackControl() {
        return Optional.ofNullable(stack);
    }
    final AtomicInteger closes = new AtomicInteger();

    public FakeLabEngine() {
        this(LabMode.EMBEDDED);
    }

    public FakeLabEngine(LabMode mode) {
        this.mode = mode;
    }

    /** From now on the lab has a Grafana at {@code url} (null: none); reported with the next status. */
    public void setGrafana(URI url) {
        grafana = url;
        publish(parts);
    }

    @Override
    public Optional<URI> grafanaUrl() {
        return Optional.ofNullable(grafana);
    }

    /** Links into the Grafana set with {@link #setGrafana}, as the Docker and Remote engines make them. */
    @Override
    public Optional<ExploreLinks> grafanaLinks() {
        return grafanaUrl().map(GrafanaLinks::new);
    }

    public int starts() {
        return starts.get();
    }

    public int stops() {
        return stops.get();
    }

    public int closes() {
        return closes.get();
    }

    public InMemoryTelemetry telemetry() {
        return telemetry;
    }

    void failNextStart(LabStartException failure) {
        nextFailure = failure;
    }

    /** lab-backend dies by itself, as the embedded lab reports it. */
    void backendDies(String why) {
        closeTraffic();
        publish(List.of(new PartStatus(RECEIVER, PartState.HEALTHY, "http://127.0.0.1:4318"),
                new PartStatus(BACKEND, PartState.FAILED, why)));
    }

    public void print(String line) {
        outputListeners.forEach(listener -> listener.accept(line));
    }

    @Override
    public LabMode mode() {
        return mode;
    }

    @Override
    public void start() throws LabStartException {
        starts.incrementAndGet();
        publish(List.of(new PartStatus(RECEIVER, PartState.HEALTHY, "http://127.0.0.1:4318"),
                new PartStatus(BACKEND, PartState.STARTING, "launching")));
        LabStartException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            publish(List.of(PartStatus.stopped(RECEIVER), new PartStatus(BACKEND, PartState.FAILED, failure.getMessage())));
            throw failure;
        }
        traffic = new TrafficGenerator(URL, TrafficProfile.DEFAULT);
        publish(List.of(new PartStatus(RECEIVER, PartState.HEALTHY, "http://127.0.0.1:4318"),
                new PartStatus(BACKEND, PartState.HEALTHY, URL.toString())));
    }

    @Override
    public void stop() {
        stops.incrementAndGet();
        closeTraffic();
        publish(List.of(PartStatus.stopped(RECEIVER), PartStatus.stopped(BACKEND)));
    }

    @Override
    public LabStatus status() {
        return new LabStatus(mode, parts);
    }

    @Override
    public void addStatusListener(Consumer<LabStatus> listener) {
        statusListeners.add(listener);
    }

    @Override
    public void addBackendOutputListener(Consumer<String> listener) {
        outputListeners.add(listener);
    }

    @Override
    public Optional<String> telemetryEndpoint() {
        return traffic == null ? Optional.empty() : Optional.of("http://127.0.0.1:4318");
    }

    @Override
    public Optional<URI> backendUrl() {
        return traffic == null ? Optional.empty() : Optional.of(URL);
    }

    @Override
    public Optional<Traffic> traffic() {
        return Optional.ofNullable(traffic);
    }

    TrafficGenerator currentTraffic() {
        return traffic;
    }

    /** Lists attribute names and values through {@code tags} from now on. */
    public void useTraceTags(dev.otellab.telemetry.query.TraceTags tags) {
        traceTags = tags;
    }

    @Override
    public Optional<dev.otellab.telemetry.query.TraceTags> traceTags() {
        return Optional.ofNullable(traceTags);
    }

    @Override
    public TraceSource traces() {
        return telemetry;
    }

    @Override
    public LogSource logs() {
        return telemetry;
    }

    @Override
    public SliSource slis() {
        return telemetry;
    }

    @Override
    public ServiceMapSource serviceMap() {
        return telemetry;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        stop();
    }

    private void closeTraffic() {
        TrafficGenerator current = traffic;
        traffic = null;
        if (current != null) {
            current.close();
        }
    }

    /** Reports these parts, as an engine does while it works (e.g. an image pull with progress). */
    public void publishParts(List<PartStatus> next) {
        publish(next);
    }

    private void publish(List<PartStatus> next) {
        parts = new ArrayList<>(next);
        LabStatus snapshot = status();
        statusListeners.forEach(listener -> listener.accept(snapshot));
    }
}
