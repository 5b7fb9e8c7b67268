package dev.otellab.lab.embedded;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverEndpoints;
import dev.otellab.telemetry.embedded.receiver.ReceiverStartException;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The lab without Docker: the console's own store (open for the console's lifetime, so
 * queries work while the lab is stopped), its OTLP receiver, and lab-backend as a child
 * process exporting to that receiver.
 */
public final class EmbeddedLab implements LabEngine {
    public static final String STORE = "Telemetry store";
    public static final String RECEIVER = "OTLP receiver";
    public static final String BACKEND = "lab-backend";

    private final EmbeddedLabSettings settings;
    private final TelemetryStore store;
    private final List<Consumer<LabStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> outputListeners = new CopyOnWriteArrayList<>();
    private PartStatus storeStatus;
    private PartStatus receiverStatus = PartStatus.stopped(RECEIVER);
    private PartStatus backendStatus = PartStatus.stopped(BACKEND);
    private OtlpReceiver receiver;
    private LabBackendProcess backend;
    private TrafficGenerator traffic;

    public EmbeddedLab(EmbeddedLabSettings settings) {
        this.settings = settings;
        this.store = TelemetryStore.open(settings.directories().telemetryStoreDir(), settings.store());
        this.storeStatus = new PartStatus(STORE, PartState.HEALTHY, store.file().toString());
    }

    @Override
    public LabMode mode() {
        return LabMode.EMBEDDED;
    }

    @Override
    public void start() throws LabStartException, InterruptedException {
        synchronized (this) {
            if (backend != null && backend.isAlive()) {
                return;
            }
        }
        ReceiverEndpoints endpoints = startReceiver();
        update(() -> backendStatus = new PartStatus(BACKEND, PartState.STARTING, "launching " + settings.backendJar()));
        LabBackendSettings backendSettings = new LabBackendSettings(settings.backendJar(), "127.0.0.1",
                settings.backendPort(), settings.backendDatabase(), endpoints.httpUrl(),
                LabBackendSettings.DEFAULT_SERVICE_NAME, null, java.util.Map.of());
        LabBackendProcess started;
        try {
            started = LabBackendProcess.start(backendSettings, this::publishOutput);
        } catch (LabBackendStartException e) {
            update(() -> backendStatus = new PartStatus(BACKEND, PartState.FAILED, e.getMessage()));
            stopReceiver();
            throw new LabStartException(e.getMessage(), e.lastOutput());
        }
        synchronized (this) {
            backend = started;
            traffic = new TrafficGenerator(started.baseUrl(), settings.traffic());
        }
        update(() -> backendStatus = new PartStatus(BACKEND, PartState.HEALTHY, started.baseUrl().toString()));
        started.onExit().thenAccept(this::backendEnded);
    }

    @Override
    public void stop() {
        LabBackendProcess stopping;
        TrafficGenerator trafficToStop;
        synchronized (this) {
            stopping = backend;
            trafficToStop = traffic;
            backend = null;
            traffic = null;
        }
        if (trafficToStop != null) {
            trafficToStop.close();
        }
        if (stopping != null) {
            // lab-backend flushes its last spans and logs on SIGTERM: keep the receiver up until it is gone
            stopping.close();
            update(() -> backendStatus = PartStatus.stopped(BACKEND));
        }
        stopReceiver();
    }

    @Override
    public synchronized LabStatus status() {
        return new LabStatus(LabMode.EMBEDDED, List.of(storeStatus, receiverStatus, backendStatus));
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
    public synchronized Optional<URI> backendUrl() {
        return Optional.ofNullable(backend).map(LabBackendProcess::baseUrl);
    }

    @Override
    public synchronized Optional<TrafficGenerator> traffic() {
        return Optional.ofNullable(traffic);
    }

    @Override
    public Optional<String> telemetryEndpoint() {
        return receiverEndpoints().map(ReceiverEndpoints::httpUrl);
    }

    /** Where the receiver listens while the lab runs. */
    public synchronized Optional<ReceiverEndpoints> receiverEndpoints() {
        return receiver == null ? Optional.empty() : Optional.of(receiver.endpoints());
    }

    @Override
    public java.util.Optional<dev.otellab.telemetry.files.TraceImport> traceImport() {
        return java.util.Optional.of(new dev.otellab.telemetry.files.TraceImport(store, store.traces()));
    }

    public TelemetryStore store() {
        return store;
    }

    @Override
    public TraceSource traces() {
        return store.traces();
    }

    @Override
    public LogSource logs() {
        return store.logs();
    }

    @Override
    public SliSource slis() {
        return store.slis();
    }

    @Override
    public void close() {
        stop();
        store.close();
    }

    private ReceiverEndpoints startReceiver() throws LabStartException {
        synchronized (this) {
            if (receiver != null) {
                return receiver.endpoints();
            }
        }
        update(() -> receiverStatus = new PartStatus(RECEIVER, PartState.STARTING, ""));
        OtlpReceiver starting = new OtlpReceiver(settings.receiver(), store);
        try {
            ReceiverEndpoints endpoints = starting.start();
            synchronized (this) {
                receiver = starting;
            }
            update(() -> receiverStatus = new PartStatus(RECEIVER, PartState.HEALTHY,
                    "OTLP/HTTP " + endpoints.httpUrl() + ", OTLP/gRPC " + endpoints.grpcUrl()));
            return endpoints;
        } catch (ReceiverStartException e) {
            update(() -> receiverStatus = new PartStatus(RECEIVER, PartState.FAILED, e.getMessage()));
            throw new LabStartException(e.getMessage(), List.of());
        }
    }

    private void stopReceiver() {
        OtlpReceiver stopping;
        synchronized (this) {
            stopping = receiver;
            receiver = null;
        }
        if (stopping != null) {
            stopping.stop();
            update(() -> receiverStatus = PartStatus.stopped(RECEIVER));
        }
    }

    private void backendEnded(int exitCode) {
        LabBackendProcess ended;
        synchronized (this) {
            ended = backend;
            if (ended == null || ended.isAlive()) {
                return; // a stop we asked for, or a newer process
            }
            backend = null;
            if (traffic != null) {
                traffic.close();
                traffic = null;
            }
        }
        List<String> last = ended.lastOutput(5);
        update(() -> backendStatus = new PartStatus(BACKEND, PartState.FAILED,
                "exited unexpectedly with code " + exitCode + (last.isEmpty() ? "" : "; last line: " + last.get(last.size() - 1))
                        + ". Press Start to launch it again."));
    }

    private void publishOutput(String line) {
        outputListeners.forEach(listener -> listener.accept(line));
    }

    private void update(Runnable change) {
        LabStatus snapshot;
        synchronized (this) {
            change.run();
            snapshot = status();
        }
        statusListeners.forEach(listener -> listener.accept(snapshot));
    }
}
