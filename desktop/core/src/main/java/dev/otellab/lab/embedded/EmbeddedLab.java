package dev.otellab.lab.embedded;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabListeners;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.ServiceOutput;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.lab.traffic.TrafficTarget;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverEndpoints;
import dev.otellab.telemetry.embedded.receiver.ReceiverStartException;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The lab without Docker: the console's own store (open for the console's lifetime, so
 * queries work while the lab is stopped), its OTLP receiver, and the lab's two services as
 * child processes exporting to that receiver: lab-backend, and lab-web in front of it (whose
 * page may export its browser spans to the receiver too).
 */
public final class EmbeddedLab implements LabEngine {
    private static final String LOOPBACK = "127.0.0.1";
    public static final String STORE = "Telemetry store";
    public static final String RECEIVER = "OTLP receiver";
    public static final String BACKEND = "lab-backend";
    public static final String WEB = "lab-web";

    private final EmbeddedLabSettings settings;
    private final TelemetryStore store;
    private final LabListeners listeners = new LabListeners();
    private PartStatus storeStatus;
    private PartStatus receiverStatus = PartStatus.stopped(RECEIVER);
    private PartStatus backendStatus = PartStatus.stopped(BACKEND);
    private PartStatus webStatus = PartStatus.stopped(WEB);
    private OtlpReceiver receiver;
    private LabServiceProcess backend;
    private LabServiceProcess web;
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
            if (backend != null && backend.isAlive() && web != null && web.isAlive()) {
                return;
            }
        }
        stopServices(); // what is left of a lab whose other service ended
        ReceiverEndpoints endpoints = startReceiver();
        // lab-web needs lab-backend's URL before either listens: with "any free port", pick it now,
        // so both JVMs start at the same time (the larger part of Start's time)
        int backendPort = settings.backendPort() == 0 ? freeLoopbackPort() : settings.backendPort();
        LabBackendSettings backendLaunch = new LabBackendSettings(settings.backendJar(), LOOPBACK, backendPort,
                settings.backendDatabase(), endpoints.httpUrl(), LabBackendSettings.DEFAULT_SERVICE_NAME, null, Map.of());
        LabWebSettings webLaunch = new LabWebSettings(settings.backendJar(), LOOPBACK, settings.webPort(),
                URI.create("http://" + LOOPBACK + ":" + backendPort), endpoints.httpUrl(), endpoints.httpUrl(), null,
                Map.of());
        FutureTask<LabServiceProcess> webStart = new FutureTask<>(() -> launch(WEB, webLaunch));
        Thread webStarter = new Thread(webStart, "lab-web-start");
        webStarter.setDaemon(true);
        webStarter.start();
        LabServiceProcess startedBackend = null;
        LabServiceProcess startedWeb;
        try {
            startedBackend = launch(BACKEND, backendLaunch);
            startedWeb = webStart.get();
        } catch (LabServiceStartException | ExecutionException | InterruptedException e) {
            webStarter.interrupt();
            abandonStart(startedBackend, webStart);
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            LabServiceStartException cause = e instanceof LabServiceStartException direct ? direct
                    : (LabServiceStartException) e.getCause();
            throw new LabStartException(cause.getMessage(), cause.lastOutput());
        }
        allowThePage(startedWeb.baseUrl());
        URI trafficUrl = settings.trafficTarget() == TrafficTarget.WEB ? startedWeb.baseUrl() : startedBackend.baseUrl();
        LabServiceProcess backendProcess = startedBackend;
        // listeners learn of the running lab (its traffic generator included) from this snapshot
        update(() -> {
            backend = backendProcess;
            web = startedWeb;
            traffic = new TrafficGenerator(trafficUrl, settings.traffic());
        });
        backendProcess.onExit().thenAccept(code -> serviceEnded(backendProcess, code));
        startedWeb.onExit().thenAccept(code -> serviceEnded(startedWeb, code));
    }

    @Override
    public void stop() {
        stopServices();
        stopReceiver();
    }

    @Override
    public synchronized LabStatus status() {
        return new LabStatus(LabMode.EMBEDDED, List.of(storeStatus, receiverStatus, backendStatus, webStatus));
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
    public synchronized Optional<URI> backendUrl() {
        return Optional.ofNullable(backend).map(LabServiceProcess::baseUrl);
    }

    @Override
    public synchronized Optional<URI> webUrl() {
        return Optional.ofNullable(web).map(LabServiceProcess::baseUrl);
    }

    @Override
    public synchronized Optional<Traffic> traffic() {
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
    public java.util.Optional<dev.otellab.telemetry.query.TraceTags> traceTags() {
        return java.util.Optional.of(store.traceTags());
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
    public ServiceMapSource serviceMap() {
        return store.serviceMap();
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

    /** Launches one service, tagging its output, with its part's status on the way. */
    private LabServiceProcess launch(String part, LabServiceLaunch launch)
            throws LabServiceStartException, InterruptedException {
        update(() -> setPart(part, new PartStatus(part, PartState.STARTING, "launching " + launch.jar())));
        try {
            LabServiceProcess started = LabServiceProcess.start(launch,
                    line -> listeners.printed(new ServiceOutput(part, line).tagged()));
            update(() -> setPart(part, new PartStatus(part, PartState.HEALTHY, started.baseUrl().toString())));
            return started;
        } catch (LabServiceStartException e) {
            update(() -> setPart(part, new PartStatus(part, PartState.FAILED, e.getMessage())));
            throw e;
        } catch (InterruptedException e) {
            update(() -> setPart(part, PartStatus.stopped(part)));
            throw e;
        }
    }

    /** A start that failed: stops whichever service did come up (waiting for lab-web's launch to end), then the receiver. */
    private void abandonStart(LabServiceProcess startedBackend, FutureTask<LabServiceProcess> webStart) {
        try {
            LabServiceProcess startedWeb = webStart.get();
            startedWeb.close();
            update(() -> webStatus = PartStatus.stopped(WEB));
        } catch (ExecutionException | CancellationException e) {
            // lab-web did not come up: its status says why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (startedBackend != null) {
            startedBackend.close();
            update(() -> backendStatus = PartStatus.stopped(BACKEND));
        }
        stopReceiver();
    }

    private static int freeLoopbackPort() throws LabStartException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LabStartException("No free port on " + LOOPBACK + " for lab-backend: " + e.getMessage(), List.of());
        }
    }

    /** The page lab-web serves exports its browser spans to the receiver: allow its origin (by IP and by name). */
    private void allowThePage(URI webUrl) {
        OtlpReceiver current;
        synchronized (this) {
            current = receiver;
        }
        if (current != null) {
            current.allowBrowserOrigin("http://" + webUrl.getHost() + ":" + webUrl.getPort());
            current.allowBrowserOrigin("http://localhost:" + webUrl.getPort());
        }
    }

    /** Stops the traffic, then lab-web (the front), then lab-backend; each flushes its telemetry on SIGTERM. */
    private void stopServices() {
        LabServiceProcess stoppingBackend;
        LabServiceProcess stoppingWeb;
        TrafficGenerator trafficToStop;
        synchronized (this) {
            stoppingBackend = backend;
            stoppingWeb = web;
            trafficToStop = traffic;
            backend = null;
            web = null;
            traffic = null;
        }
        if (trafficToStop != null) {
            trafficToStop.close();
        }
        // keep the receiver up until both are gone, so their last spans and logs arrive
        if (stoppingWeb != null) {
            stoppingWeb.close();
            update(() -> webStatus = PartStatus.stopped(WEB));
        }
        if (stoppingBackend != null) {
            stoppingBackend.close();
            update(() -> backendStatus = PartStatus.stopped(BACKEND));
        }
    }

    private void serviceEnded(LabServiceProcess ended, int exitCode) {
        String part = ended.serviceName();
        synchronized (this) {
            if (ended != backend && ended != web) {
                return; // a stop we asked for, or an older process
            }
            if (ended == backend) {
                backend = null;
            } else {
                web = null;
            }
            if (traffic != null) {
                traffic.close();
                traffic = null;
            }
        }
        List<String> last = ended.lastOutput(5);
        update(() -> setPart(part, new PartStatus(part, PartState.FAILED,
                "exited unexpectedly with code " + exitCode + (last.isEmpty() ? "" : "; last line: " + last.get(last.size() - 1))
                        + ". Press Start to launch it again.")));
    }

    private void setPart(String part, PartStatus status) {
        if (part.equals(BACKEND)) {
            backendStatus = status;
        } else {
            webStatus = status;
        }
    }

    private void update(Runnable change) {
        LabStatus snapshot;
        synchronized (this) {
            change.run();
            snapshot = status();
        }
        listeners.statusChanged(snapshot);
    }
}
