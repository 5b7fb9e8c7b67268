package dev.otellab.lab.docker;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabListeners;
import dev.otellab.lab.ImageBundles;
import dev.otellab.lab.StackControl;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.docker.compose.BuildSpec;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.engine.LogStream;
import dev.otellab.lab.docker.images.LabBackendImage;
import dev.otellab.lab.docker.orchestration.StackOrchestrator;
import dev.otellab.lab.docker.stack.ImagePullProgress;
import dev.otellab.lab.docker.stack.ServiceState;
import dev.otellab.lab.docker.stack.ServiceStatus;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.telemetry.lgtm.GrafanaLinks;
import dev.otellab.telemetry.query.ExploreLinks;
import dev.otellab.lab.traffic.TrafficGenerator;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lab as the Grafana LGTM stack in Docker: stack/compose.yaml run by the console itself
 * (one part per service), lab-backend built into an image from the console's jar (lab-web runs
 * from the same image), telemetry read
 * through the query ports it is given (Tempo, Loki and Prometheus clients). Traces come from the
 * source chosen for the next Start ({@link #useTraceSource}): Tempo, or the jaeger-zipkin profile's
 * Jaeger or Zipkin, whose services Start then runs too. Grafana's password is made at the first Start.
 */
public final class DockerLab implements LabEngine, StackControl {
    public static final String BACKEND = "lab-backend";
    public static final String WEB = "lab-web";
    public static final String COLLECTOR = "otel-collector";
    static final int BACKEND_CONTAINER_PORT = 5000;
    static final int WEB_CONTAINER_PORT = 8000;
    static final int COLLECTOR_OTLP_HTTP_PORT = 4318;
    static final String GRAFANA = "grafana";
    static final int GRAFANA_HTTP_PORT = 3000;
    private static final long MONITOR_SECONDS = 2;

    private final DockerLabSettings settings;
    private volatile ImageBundles imageBundles;
    private final Function<TraceSourceChoice, TraceSource> traceSources;
    private volatile TraceSourceChoice traceSource = TraceSourceChoice.TEMPO;
    private volatile TraceSource traces;
    /** Grafana's admin password once a Start made it (or an earlier console did), else null. */
    private volatile String grafanaPassword;
    private final LogSource logs;
    private final SliSource slis;
    private final ServiceMapSource serviceMap;
    private final LabListeners listeners = new LabListeners();
    private final List<StackListener> progressListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "docker-lab-status");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, PartStatus> parts = new LinkedHashMap<>();
    private DockerEngine engine;
    private StackOrchestrator orchestrator;
    private boolean running;
    private URI backendUrl;
    private URI webUrl;
    private URI grafanaUrl;
    private String telemetryEndpoint;
    private TrafficGenerator traffic;
    private LogStream backendOutput;
    private ScheduledFuture<?> monitoring;

    /** A lab that reads traces from {@code traces} whatever trace source is chosen. */
    public DockerLab(DockerLabSettings settings, TraceSource traces, LogSource logs, SliSource slis,
                     ServiceMapSource serviceMap) {
        this(settings, choice -> traces, logs, slis, serviceMap);
    }

    /**
     * @param traceSources the trace source of each choice; asked at each Start for the chosen one
     */
    public DockerLab(DockerLabSettings settings, Function<TraceSourceChoice, TraceSource> traceSources, LogSource logs,
                     SliSource slis, ServiceMapSource serviceMap) {
        this.settings = settings;
        this.traceSources = traceSources;
        this.traces = traceSources.apply(traceSource);
        this.logs = logs;
        this.slis = slis;
        this.serviceMap = serviceMap;
        this.grafanaPassword = settings.grafanaAdminPassword().existing().orElse(null);
        listServicesOfTheFile();
    }

    /**
     * Where traces come from after the next Start; Jaeger and Zipkin turn the jaeger-zipkin
     * profile on, so their services show as parts now and run from the next Start.
     */
    @Override
    public void useTraceSource(TraceSourceChoice choice) {
        if (choice == null || choice == traceSource) {
            return;
        }
        traceSource = choice;
        LabStatus snapshot;
        synchronized (this) {
            if (running) {
                return; // the parts follow the running stack; the choice counts from the next Start
            }
            parts.clear();
            listServicesOfTheFile();
            snapshot = status();
        }
        listeners.statusChanged(snapshot);
    }

    @Override
    public TraceSourceChoice traceSource() {
        return traceSource;
    }

    private synchronized void listServicesOfTheFile() {
        try {
            readProject().services().forEach(service -> parts.put(service.name(), PartStatus.stopped(service.name())));
        } catch (ComposeFileException e) {
            parts.put("compose.yaml", new PartStatus("compose.yaml", PartState.FAILED, e.getMessage()));
        }
    }

    @Override
    public LabMode mode() {
        return LabMode.DOCKER;
    }

    /**
     * Finds the engine, builds lab-backend's image if needed, pulls missing images, creates or
     * adopts the containers and waits until every service is ready. Interrupting the calling
     * thread cancels it.
     */
    @Override
    public void start() throws LabStartException, InterruptedException {
        synchronized (this) {
            if (running) {
                return;
            }
        }
        grafanaPassword = obtainGrafanaPassword();
        traces = traceSources.apply(traceSource);
        StackOrchestrator stack = reconnect();
        StackListener reporting = new Reporting();
        try {
            buildBackendImage(stack, reporting);
            stack.up(reporting);
        } catch (StackException e) {
            stopQuietly(stack);
            refreshParts(stack);
            throw new LabStartException(e.getMessage(), e.details());
        } catch (InterruptedException e) {
            stopQuietly(stack);
            refreshParts(stack);
            throw e;
        }
        begin(stack);
    }

    /** Stops every service (dependents first); containers and their data stay for the next start. */
    @Override
    public void stop() {
        StackOrchestrator stack = end();
        if (stack != null) {
            stopQuietly(stack);
            refreshParts(stack);
        }
    }

    /**
     * Stops the stack's containers even when another process started them (`lab-console start
     * --mode docker`, `docker compose up`); throws when no engine answers.
     */
    public void stopAnywhere() throws LabStartException {
        StackOrchestrator stack = end();
        if (stack == null) {
            stack = connect();
        }
        stopQuietly(stack);
        refreshParts(stack);
    }

    /**
     * Removes the stack's containers, network and volumes: every trace, log and metric the stack
     * kept is gone. The UI asks the user first.
     */
    @Override
    public void reset() throws LabStartException, InterruptedException {
        StackOrchestrator stack = end();
        if (stack == null) {
            stack = connect();
        }
        stack.reset(new Reporting());
        refreshParts(stack);
    }

    @Override
    public Optional<StackControl> stackControl() {
        return Optional.of(this);
    }

    @Override
    public synchronized List<String> services() {
        return parts.keySet().stream().filter(name -> !name.equals("compose.yaml")).toList();
    }

    /** The offline bundle of this lab's images (given by whoever made the lab: the bundle code builds on this package). */
    public void useImageBundles(ImageBundles bundles) {
        imageBundles = bundles;
    }

    @Override
    public Optional<ImageBundles> imageBundles() {
        return Optional.ofNullable(imageBundles);
    }

    /** Grafana's admin password once the first Start made it; empty before. */
    @Override
    public Optional<String> grafanaAdminPassword() {
        return Optional.ofNullable(grafanaPassword);
    }

    /** The password the stack's Grafana runs with, made and kept now on the first Start. */
    private String obtainGrafanaPassword() throws LabStartException {
        try {
            return settings.grafanaAdminPassword().obtain();
        } catch (IOException e) {
            throw new LabStartException("Grafana's admin password cannot be kept in "
                    + settings.grafanaAdminPassword().file().map(Path::toString).orElse("the config folder") + ": "
                    + e.getMessage(), List.of());
        }
    }

    /** Restarts one service and waits until it is ready again. */
    @Override
    public void restart(String service) throws LabStartException, InterruptedException {
        StackOrchestrator stack = connect();
        try {
            stack.restart(service, new Reporting()); // lab-backend's output is followed again by refreshParts
        } catch (StackException e) {
            throw new LabStartException(e.getMessage(), e.details());
        } finally {
            refreshParts(stack);
        }
    }

    /** Follows one service's log (the last {@code tail} lines first) until the handle is closed. */
    @Override
    public LogStream followLogs(String service, int tail, Consumer<String> lines) throws LabStartException {
        try {
            return connect().followLogs(service, tail, lines);
        } catch (StackException e) {
            throw new LabStartException(e.getMessage(), e.details());
        }
    }

    /** Steps, image pull progress and build output of start, stop, restart and reset. */
    public void addProgressListener(StackListener listener) {
        progressListeners.add(listener);
    }

    @Override
    public synchronized LabStatus status() {
        return new LabStatus(LabMode.DOCKER, List.copyOf(parts.values()));
    }

    @Override
    public void addStatusListener(Consumer<LabStatus> listener) {
        listeners.addStatusListener(listener);
    }

    /** lab-backend's container output, line by line, while the lab runs. */
    @Override
    public void addBackendOutputListener(Consumer<String> listener) {
        listeners.addOutputListener(listener);
    }

    /** The Collector's OTLP/HTTP endpoint on this machine (http://127.0.0.1:4318 with the stack's file). */
    @Override
    public synchronized Optional<String> telemetryEndpoint() {
        return Optional.ofNullable(telemetryEndpoint);
    }

    /** Grafana's published URL while the stack runs (http://127.0.0.1:3000 with the stack's file). */
    @Override
    public synchronized Optional<URI> grafanaUrl() {
        return running ? Optional.ofNullable(grafanaUrl) : Optional.empty();
    }

    @Override
    public Optional<ExploreLinks> grafanaLinks() {
        return grafanaUrl().map(GrafanaLinks::new);
    }

    /** lab-backend's published URL (http://127.0.0.1:5000 with the stack's file). */
    @Override
    public synchronized Optional<URI> backendUrl() {
        return Optional.ofNullable(backendUrl);
    }

    /** lab-web's published URL (the tasks page, http://127.0.0.1:8000 with the stack's file), when the stack has it. */
    @Override
    public synchronized Optional<URI> webUrl() {
        return Optional.ofNullable(webUrl);
    }

    @Override
    public synchronized Optional<Traffic> traffic() {
        return Optional.ofNullable(traffic);
    }

    @Override
    public TraceSource traces() {
        return traces;
    }

    /** The chosen trace source's names and values: Tempo, Jaeger and Zipkin all list them. */
    @Override
    public Optional<TraceTags> traceTags() {
        return traces instanceof TraceTags tags ? Optional.of(tags) : Optional.empty();
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

    @Override
    public void close() {
        stop();
        monitor.shutdownNow();
        DockerEngine closing;
        synchronized (this) {
            closing = engine;
            engine = null;
            orchestrator = null;
        }
        if (closing != null) {
            closing.close();
        }
    }

    /** The stack as it is known, or (with nothing known yet) as the file says now, on a located engine. */
    private StackOrchestrator connect() throws LabStartException {
        synchronized (this) {
            if (orchestrator != null) {
                return orchestrator;
            }
        }
        return reconnect();
    }

    /**
     * Reads compose.yaml again (the user may have edited it since the last Start) and locates
     * the engine if there is none yet.
     */
    private StackOrchestrator reconnect() throws LabStartException {
        ComposeProject project;
        try {
            project = readProject();
        } catch (ComposeFileException e) {
            throw new LabStartException(e.getMessage(), List.of());
        }
        boolean located;
        synchronized (this) {
            located = engine != null;
        }
        if (!located) {
            DockerEngine found; // pinging can take seconds: not while holding the lock status() needs
            try {
                found = settings.locator().locate();
            } catch (DockerEngineUnavailableException e) {
                throw new LabStartException(e.getMessage(), List.of());
            }
            synchronized (this) {
                if (engine == null) {
                    engine = found;
                    found = null;
                }
            }
            if (found != null) {
                found.close(); // another thread located one meanwhile
            }
        }
        synchronized (this) {
            if (!parts.keySet().equals(new java.util.HashSet<>(project.services().stream().map(ComposeService::name).toList()))) {
                parts.clear(); // the file changed (or could not be read before): show its services now
                project.services().forEach(service -> parts.put(service.name(), PartStatus.stopped(service.name())));
            }
            orchestrator = new StackOrchestrator(engine.client(), project, settings.readyTimeout());
            return orchestrator;
        }
    }

    private ComposeProject readProject() throws ComposeFileException {
        String password = grafanaPassword == null ? DockerLabSettings.PASSWORD_MADE_AT_START : grafanaPassword;
        ComposeProject project = ComposeFile.read(settings.composeFile(), settings.interpolationEnvironment(password, traceSource))
                .withImages(settings.imageOverrides());
        return settings.projectName().map(project::withName).orElse(project);
    }

    private void buildBackendImage(StackOrchestrator stack, StackListener listener) throws StackException, InterruptedException {
        Optional<ComposeService> backend = stack.project().service(BACKEND);
        if (backend.isEmpty() || backend.get().build().isEmpty()) {
            return;
        }
        BuildSpec build = backend.get().build().get();
        update(BACKEND, new PartStatus(BACKEND, PartState.STARTING, "building image " + backend.get().image()));
        new LabBackendImage(engineClient(), backend.get().image(), build.dockerfilePath(), settings.backendJar(),
                build.args()).ensure(listener);
    }

    private synchronized com.github.dockerjava.api.DockerClient engineClient() {
        return engine.client();
    }

    /** The stack is up: publish where things are, start following lab-backend and watching every part. */
    private void begin(StackOrchestrator stack) {
        List<ServiceStatus> statuses = stack.status();
        URI backend = publishedUrl(statuses, BACKEND, BACKEND_CONTAINER_PORT, "").map(URI::create).orElse(null);
        URI web = publishedUrl(statuses, WEB, WEB_CONTAINER_PORT, "").map(URI::create).orElse(null);
        synchronized (this) {
            running = true;
            backendUrl = backend;
            webUrl = web;
            telemetryEndpoint = publishedUrl(statuses, COLLECTOR, COLLECTOR_OTLP_HTTP_PORT, "").orElse(null);
            grafanaUrl = publishedUrl(statuses, GRAFANA, GRAFANA_HTTP_PORT, "").map(URI::create).orElse(null);
            // as the page's users do: through lab-web when the stack has it
            traffic = web != null ? new TrafficGenerator(web, settings.traffic())
                    : backend == null ? null : new TrafficGenerator(backend, settings.traffic());
            monitoring = monitor.scheduleWithFixedDelay(() -> refreshParts(stack), MONITOR_SECONDS, MONITOR_SECONDS,
                    TimeUnit.SECONDS);
        }
        followBackendOutput(stack);
        refreshParts(stack);
    }

    private static Optional<String> publishedUrl(List<ServiceStatus> statuses, String service, int containerPort, String path) {
        return statuses.stream().filter(status -> status.service().equals(service))
                .flatMap(status -> status.ports().stream())
                .filter(port -> port.containerPort() == containerPort)
                .findFirst()
                .map(port -> "http://" + ("0.0.0.0".equals(port.hostIp()) ? "127.0.0.1" : port.hostIp()) + ":" + port.hostPort() + path);
    }

    private void followBackendOutput(StackOrchestrator stack) {
        if (stack.project().service(BACKEND).isEmpty()) {
            return;
        }
        closeQuietly(swapBackendOutput(null));
        try {
            closeQuietly(swapBackendOutput(stack.followLogs(BACKEND, 200, listeners::printed)));
        } catch (StackException | RuntimeException e) {
            update(BACKEND, new PartStatus(BACKEND, PartState.FAILED, "its output cannot be followed: " + e.getMessage()));
        }
    }

    /**
     * lab-backend's log stream ends when its container stops; when it runs again (restart policy,
     * `docker restart`) follow it again from the moment the old stream ended.
     */
    private void followBackendOutputAgainIfEnded(StackOrchestrator stack, List<ServiceStatus> statuses) {
        boolean backendRuns = statuses.stream().anyMatch(status -> status.service().equals(BACKEND)
                && (status.state() == ServiceState.HEALTHY || status.state() == ServiceState.STARTING));
        long since;
        synchronized (this) {
            if (!running || !backendRuns || backendOutput == null || !backendOutput.ended()) {
                return;
            }
            since = backendOutput.endedAtEpochSecond();
        }
        try {
            closeQuietly(swapBackendOutput(stack.followLogsSince(BACKEND, since, listeners::printed)));
        } catch (StackException | RuntimeException e) {
            // the container went away again: the next round of the monitor tries again
        }
    }

    private synchronized LogStream swapBackendOutput(LogStream next) {
        LogStream previous = backendOutput;
        backendOutput = next;
        return previous;
    }

    /** Ends the running state (traffic, output, monitoring) and returns the stack to stop, if any. */
    private StackOrchestrator end() {
        TrafficGenerator trafficToStop;
        StackOrchestrator stack;
        synchronized (this) {
            running = false;
            trafficToStop = traffic;
            traffic = null;
            backendUrl = null;
            webUrl = null;
            telemetryEndpoint = null;
            if (monitoring != null) {
                monitoring.cancel(false);
                monitoring = null;
            }
            stack = orchestrator;
        }
        if (trafficToStop != null) {
            trafficToStop.close();
        }
        closeQuietly(swapBackendOutput(null));
        return stack;
    }

    private void stopQuietly(StackOrchestrator stack) {
        try {
            stack.stop(new Reporting());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the engine went away: nothing of the stack runs that we could stop
        }
    }

    private void refreshParts(StackOrchestrator stack) {
        try {
            List<ServiceStatus> statuses = stack.status();
            statuses.forEach(status -> update(status.service(), part(status)));
            followBackendOutputAgainIfEnded(stack, statuses);
        } catch (RuntimeException e) {
            List<String> names;
            synchronized (this) {
                names = List.copyOf(parts.keySet());
            }
            names.forEach(name -> update(name, new PartStatus(name, PartState.FAILED,
                    "the Docker engine does not answer: " + EngineErrors.reason(e))));
        }
    }

    private PartStatus part(ServiceStatus status) {
        boolean expectedToRun;
        synchronized (this) {
            expectedToRun = running;
        }
        String ports = status.ports().isEmpty() ? "" : status.ports().stream().map(port -> port.hostIp() + ":" + port.hostPort())
                .reduce((a, b) -> a + ", " + b).orElse("");
        return switch (status.state()) {
            case HEALTHY -> new PartStatus(status.service(), PartState.HEALTHY, ports.isEmpty() ? status.detail() : ports);
            case STARTING -> new PartStatus(status.service(), PartState.STARTING, status.detail());
            case UNHEALTHY -> new PartStatus(status.service(), PartState.FAILED, "unhealthy: " + status.detail());
            case STOPPED, ABSENT -> expectedToRun
                    ? new PartStatus(status.service(), PartState.FAILED, (status.detail().isEmpty() ? "not running" : status.detail())
                            + ". Press Start to start it again.")
                    : new PartStatus(status.service(), PartState.STOPPED, status.detail());
        };
    }

    private void update(String name, PartStatus part) {
        LabStatus snapshot;
        synchronized (this) {
            if (part.equals(parts.get(name))) {
                return;
            }
            parts.put(name, part);
            snapshot = status();
        }
        listeners.statusChanged(snapshot);
    }

    private static void closeQuietly(LogStream stream) {
        if (stream != null) {
            stream.close();
        }
    }

    /** Passes progress on to the listeners and shows it on the parts. */
    private final class Reporting implements StackListener {
        @Override
        public void step(String message) {
            progressListeners.forEach(listener -> listener.step(message));
        }

        @Override
        public void pullProgress(ImagePullProgress progress) {
            progressListeners.forEach(listener -> listener.pullProgress(progress));
            String detail = "pulling " + progress.image() + ": " + megabytes(progress.bytesDownloaded()) + " of "
                    + megabytes(progress.bytesTotal()) + " MB, " + progress.layersDone() + "/" + progress.layers() + " layers";
            List<String> services;
            synchronized (DockerLab.this) {
                services = orchestrator == null ? List.of() : orchestrator.project().services().stream()
                        .filter(service -> service.image().equals(progress.image())).map(ComposeService::name).toList();
            }
            services.forEach(service -> update(service, new PartStatus(service, PartState.STARTING, detail)));
        }

        @Override
        public void buildOutput(String line) {
            progressListeners.forEach(listener -> listener.buildOutput(line));
        }

        @Override
        public void serviceChanged(ServiceStatus status) {
            progressListeners.forEach(listener -> listener.serviceChanged(status));
            update(status.service(), part(status));
        }

        private static String megabytes(long bytes) {
            return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_000_000.0);
        }
    }
}
