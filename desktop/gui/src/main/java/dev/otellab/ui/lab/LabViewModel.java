package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.LabStartException;
import dev.otellab.lab.LabStatus;
import dev.otellab.lab.ModeSwitch;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.ImageBundles;
import dev.otellab.lab.StackControl;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.traffic.TrafficCounts;
import dev.otellab.lab.traffic.Traffic;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lab view: start, stop and restart the lab, each part's state, lab-backend's output and
 * URL, and the traffic generator. Every call into the engine runs on the {@code control}
 * executor (one thread, so a stop waits for a start to finish), never on the UI thread; the
 * results come back on the UI executor. The engine's status and output arrive on its own
 * threads and are handed to the UI executor too; output lines wait in a bounded queue and are
 * applied at most every {@link #DRAIN_INTERVAL}, with one list change per drain.
 *
 * <p>Call the public methods on the UI thread.
 */
public final class LabViewModel {
    public static final int OUTPUT_CAPACITY = 2_000;
    public static final Duration DRAIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration COUNTS_INTERVAL = Duration.ofMillis(500);
    /** The output list shows lab-backend's own output unless a stack service's log is chosen. */
    public static final String BACKEND_OUTPUT = "lab-backend";
    public static final int SERVICE_LOG_TAIL = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LabViewModel.class);

    private final LabEngine engine;
    private final UiExecutors executors;
    private final Executor control;
    private final OutputBuffer pendingOutput = new OutputBuffer(OUTPUT_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<LabState> state = new ReadOnlyObjectWrapper<>(this, "state", LabState.STOPPED);
    private final ObservableList<PartStatus> parts = FXCollections.observableArrayList();
    private final ObservableList<String> output = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper backendUrl = new ReadOnlyStringWrapper(this, "backendUrl", "");
    private final ReadOnlyStringWrapper openTarget = new ReadOnlyStringWrapper(this, "openTarget", "");
    private final ReadOnlyObjectWrapper<LabProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final BooleanBinding canStart;
    private final BooleanBinding canStop;
    private final BooleanBinding canRestart;
    private final StringBinding stateText;

    private final DoubleProperty requestsPerSecond = new SimpleDoubleProperty(this, "requestsPerSecond",
            TrafficProfile.DEFAULT.requestsPerSecond());
    private final DoubleProperty slowPercent = new SimpleDoubleProperty(this, "slowPercent",
            TrafficProfile.DEFAULT.slowShare() * 100);
    private final DoubleProperty errorPercent = new SimpleDoubleProperty(this, "errorPercent",
            TrafficProfile.DEFAULT.errorShare() * 100);
    private final StringBinding trafficProblem;
    private final ReadOnlyBooleanWrapper trafficRunning = new ReadOnlyBooleanWrapper(this, "trafficRunning");
    private final ReadOnlyBooleanWrapper scenarioPlaying = new ReadOnlyBooleanWrapper(this, "scenarioPlaying");
    private final ReadOnlyObjectWrapper<TrafficCounts> counts = new ReadOnlyObjectWrapper<>(this, "counts", TrafficCounts.NONE);
    private final BooleanBinding canStartTraffic;
    private final BooleanBinding canStopTraffic;
    private final StringBinding trafficText;

    private final ObservableList<LabMode> modes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LabMode> mode = new ReadOnlyObjectWrapper<>(this, "mode");
    private final BooleanBinding canChangeMode;
    private final ReadOnlyBooleanWrapper switchingMode = new ReadOnlyBooleanWrapper(this, "switchingMode");

    private final ReadOnlyObjectWrapper<TraceSourceChoice> traceSource =
            new ReadOnlyObjectWrapper<>(this, "traceSource", TraceSourceChoice.TEMPO);
    private final BooleanBinding canChangeTraceSource;

    private final ReadOnlyBooleanWrapper hasStack = new ReadOnlyBooleanWrapper(this, "hasStack");
    private final ObservableList<String> stackServices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper grafanaUrl = new ReadOnlyStringWrapper(this, "grafanaUrl", "");
    private final ReadOnlyStringWrapper grafanaPassword = new ReadOnlyStringWrapper(this, "grafanaPassword", "");
    private final ReadOnlyStringWrapper shownLog = new ReadOnlyStringWrapper(this, "shownLog", BACKEND_OUTPUT);
    private final ReadOnlyBooleanWrapper stackBusy = new ReadOnlyBooleanWrapper(this, "stackBusy");
    private final ReadOnlyBooleanWrapper hasBundles = new ReadOnlyBooleanWrapper(this, "hasBundles");
    private final javafx.beans.property.ReadOnlyDoubleWrapper bundleProgress =
            new javafx.beans.property.ReadOnlyDoubleWrapper(this, "bundleProgress", -1);
    private final ReadOnlyStringWrapper bundleMessage = new ReadOnlyStringWrapper(this, "bundleMessage", "");
    /** Told, on the FX thread, when long work ends (the lab started or failed, images saved or loaded). */
    private final List<java.util.function.Consumer<String>> workFinishedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BooleanBinding canReset;
    private final BooleanBinding canRestartService;
    private volatile String outputSource = BACKEND_OUTPUT;
    private java.io.Closeable serviceLog;

    private Traffic generator;
    private ScheduledFuture<?> countsTimer;

    public LabViewModel(LabEngine engine, UiExecutors executors, Executor control) {
        this.engine = engine;
        this.executors = executors;
        this.control = control;
        canStart = Bindings.createBooleanBinding(
                () -> !switchingMode.get() && (state.get() == LabState.STOPPED || state.get() == LabState.FAILED),
                state, switchingMode);
        canStop = Bindings.createBooleanBinding(
                () -> state.get() == LabState.RUNNING || state.get() == LabState.FAILED, state);
        canRestart = canStop;
        stateText = Bindings.createStringBinding(() -> switch (state.get()) {
            case STOPPED -> "The lab is stopped";
            case STARTING -> "Starting the lab…";
            case RUNNING -> "The lab is running";
            case STOPPING -> "Stopping the lab (lab-backend flushes its telemetry)…";
            case FAILED -> "The lab has a problem";
        }, state);
        trafficProblem = Bindings.createStringBinding(this::profileProblem, requestsPerSecond, slowPercent, errorPercent);
        canStartTraffic = Bindings.createBooleanBinding(
                () -> state.get() == LabState.RUNNING && !trafficRunning.get() && trafficProblem.get().isEmpty(),
                state, trafficRunning, trafficProblem);
        canStopTraffic = Bindings.createBooleanBinding(
                () -> state.get() == LabState.RUNNING && trafficRunning.get(), state, trafficRunning);
        trafficText = Bindings.createStringBinding(this::describeTraffic, state, trafficRunning, scenarioPlaying,
                requestsPerSecond, slowPercent, errorPercent);
        trafficProblem.addListener((observable, was, is) -> applyProfileWhileRunning());
        requestsPerSecond.addListener((observable, was, is) -> applyProfileWhileRunning());
        slowPercent.addListener((observable, was, is) -> applyProfileWhileRunning());
        errorPercent.addListener((observable, was, is) -> applyProfileWhileRunning());

        modes.setAll(engine.modeSwitch().map(ModeSwitch::modes).orElse(List.of(engine.mode())));
        mode.set(engine.mode());
        canChangeMode = Bindings.createBooleanBinding(() -> modes.size() > 1 && !switchingMode.get()
                && (state.get() == LabState.STOPPED || state.get() == LabState.FAILED), modes, state, switchingMode);

        canChangeTraceSource = Bindings.createBooleanBinding(() -> !switchingMode.get()
                && (state.get() == LabState.STOPPED || state.get() == LabState.FAILED), state, switchingMode);

        canReset = Bindings.createBooleanBinding(() -> hasStack.get() && !stackBusy.get()
                && (state.get() == LabState.STOPPED || state.get() == LabState.FAILED), hasStack, stackBusy, state);
        canRestartService = Bindings.createBooleanBinding(() -> hasStack.get() && !stackBusy.get()
                && state.get() == LabState.RUNNING, hasStack, stackBusy, state);
        refreshStack();

        parts.setAll(engine.status().parts());
        engine.addStatusListener(status -> executors.ui().execute(() -> applyStatus(status)));
        engine.addBackendOutputListener(line -> {
            if (BACKEND_OUTPUT.equals(outputSource)) {
                onOutputLine(line);
            }
        });
    }

    /**
     * Switches the lab to another mode (Embedded, Docker, Remote) while it is stopped; the views
     * then read that mode's telemetry. A mode whose engine cannot be made shows the reason and
     * the previous mode stays.
     */
    public void selectMode(LabMode wanted) {
        ModeSwitch modeSwitch = engine.modeSwitch().orElse(null);
        if (wanted == null || wanted == mode.get() || !canChangeMode.get() || modeSwitch == null) {
            return;
        }
        LabMode previous = mode.get();
        TraceSourceChoice traces = traceSource.get();
        mode.set(wanted);
        switchingMode.set(true);
        problem.set(null);
        control.execute(() -> {
            try {
                modeSwitch.select(wanted);
                engine.stackControl().ifPresent(stack -> stack.useTraceSource(traces));
                LabStatus status = engine.status();
                executors.ui().execute(() -> {
                    switchingMode.set(false);
                    state.set(LabState.STOPPED);
                    parts.setAll(status.parts());
                    showLogOf(BACKEND_OUTPUT);
                    output.clear();
                    refreshStack();
                });
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.info("Switching the lab to {} failed: {}", wanted, reason);
                executors.ui().execute(() -> {
                    switchingMode.set(false);
                    mode.set(previous);
                    problem.set(new LabProblem("The " + modeName(wanted) + " mode is not available", List.of(reason),
                            "Stay in " + modeName(previous) + " mode, or fix the cause and choose it again."));
                });
            }
        });
    }

    /**
     * Where Docker mode reads traces from the next Start: the stack's Tempo, or the jaeger-zipkin
     * profile's Jaeger or Zipkin (that Start runs the profile too). Only while the lab is stopped;
     * kept for the Docker mode when another mode is current.
     */
    public void selectTraceSource(TraceSourceChoice choice) {
        if (choice == null || choice == traceSource.get() || !canChangeTraceSource.get()) {
            return;
        }
        traceSource.set(choice);
        Optional<StackControl> stack = engine.stackControl();
        stack.ifPresent(control -> this.control.execute(() -> control.useTraceSource(choice)));
    }

    /** What a trace source choice means, for the Docker card. */
    public static String traceSourceDescription(TraceSourceChoice choice) {
        return switch (choice) {
            case TEMPO -> "Traces from the stack's Tempo.";
            case JAEGER, ZIPKIN -> "Traces from " + choice.displayName() + ": Start also runs the stack's jaeger-zipkin"
                    + " profile (Jaeger and Zipkin). Logs and SLIs still come from Loki and Prometheus.";
        };
    }

    /** Removes the stack's containers, network and volumes (the view asks the user first). */
    public void resetStack() {
        Optional<StackControl> stack = engine.stackControl();
        if (!canReset.get() || stack.isEmpty()) {
            return;
        }
        stackBusy.set(true);
        problem.set(null);
        control.execute(() -> runOnStack(() -> stack.get().reset(), "Resetting the stack failed",
                "Check that the Docker engine runs, then press Reset again."));
    }

    /** Saves every image the Docker lab needs into one file, for a classroom without network. */
    public void exportBundle(java.nio.file.Path file) {
        runBundle(file, "Saving the images to " + file.getFileName() + "…", ImageBundles::export);
    }

    /** Checks a bundle's checksums, then loads its images into the Docker engine. */
    public void importBundle(java.nio.file.Path file) {
        runBundle(file, "Checking and loading " + file.getFileName() + "…", ImageBundles::importFrom);
    }

    private interface BundleWork {
        ImageBundles.Outcome run(ImageBundles bundles, java.nio.file.Path file, java.util.function.DoubleConsumer progress)
                throws InterruptedException;
    }

    private void runBundle(java.nio.file.Path file, String doing, BundleWork work) {
        Optional<ImageBundles> bundles = engine.stackControl().flatMap(StackControl::imageBundles);
        if (file == null || bundles.isEmpty() || stackBusy.get()) {
            return;
        }
        stackBusy.set(true);
        bundleProgress.set(0);
        bundleMessage.set(doing);
        executors.background().execute(() -> {
            ImageBundles.Outcome outcome;
            try {
                outcome = work.run(bundles.get(), file,
                        fraction -> executors.ui().execute(() -> bundleProgress.set(Math.max(0, Math.min(1, fraction)))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new ImageBundles.Outcome(false, "Cancelled: nothing was left half-written.");
            } catch (RuntimeException e) {
                LOG.warn("The image bundle failed", e);
                outcome = new ImageBundles.Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            ImageBundles.Outcome shown = outcome;
            executors.ui().execute(() -> {
                stackBusy.set(false);
                bundleProgress.set(-1);
                bundleMessage.set(shown.ok() ? shown.message() : "Failed: " + shown.message());
                workFinished(bundleMessage.get());
            });
        });
    }

    /** Restarts one service of the running stack and waits until it is ready again. */
    public void restartService(String service) {
        Optional<StackControl> stack = engine.stackControl();
        if (!canRestartService.get() || stack.isEmpty() || service == null) {
            return;
        }
        stackBusy.set(true);
        control.execute(() -> runOnStack(() -> stack.get().restart(service), "Restarting " + service + " failed",
                "Look at its log (Output of: " + service + "), then Restart the lab."));
    }

    /** Shows one stack service's log in the output list, or lab-backend's output ({@link #BACKEND_OUTPUT}). */
    public void showLogOf(String source) {
        String wanted = source == null ? BACKEND_OUTPUT : source;
        boolean alreadyShown = BACKEND_OUTPUT.equals(wanted) || serviceLog != null;
        if (wanted.equals(outputSource) && alreadyShown) {
            return;
        }
        closeServiceLog();
        outputSource = wanted;
        shownLog.set(wanted);
        pendingOutput.drain();
        output.clear();
        Optional<StackControl> stack = engine.stackControl();
        if (BACKEND_OUTPUT.equals(wanted) || stack.isEmpty()) {
            return;
        }
        control.execute(() -> {
            try {
                java.io.Closeable opened = stack.get().followLogs(wanted, SERVICE_LOG_TAIL, line -> {
                    if (wanted.equals(outputSource)) {
                        onOutputLine(line);
                    }
                });
                executors.ui().execute(() -> {
                    if (wanted.equals(outputSource)) {
                        serviceLog = opened;
                    } else {
                        closeQuietly(opened);
                    }
                });
            } catch (LabStartException e) {
                executors.ui().execute(() -> problem.set(LabProblem.from(e)));
            }
        });
    }

    private interface StackAction {
        void run() throws LabStartException, InterruptedException;
    }

    private void runOnStack(StackAction action, String failure, String whatToDo) {
        try {
            action.run();
            executors.ui().execute(() -> stackBusy.set(false));
        } catch (LabStartException e) {
            executors.ui().execute(() -> {
                stackBusy.set(false);
                problem.set(new LabProblem(failure + ": " + e.getMessage(), e.details(), whatToDo));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executors.ui().execute(() -> stackBusy.set(false));
        }
    }

    private void refreshStack() {
        Optional<StackControl> stack = engine.stackControl();
        hasStack.set(stack.isPresent());
        List<String> services = stack.map(StackControl::services).orElse(List.of());
        if (!services.equals(stackServices)) {
            stackServices.setAll(services);
        }
        grafanaPassword.set(stack.flatMap(StackControl::grafanaAdminPassword).orElse(""));
        hasBundles.set(stack.flatMap(StackControl::imageBundles).isPresent());
        grafanaUrl.set(engine.grafanaUrl().map(URI::toString).orElse(""));
    }

    private void closeServiceLog() {
        if (serviceLog != null) {
            closeQuietly(serviceLog);
            serviceLog = null;
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Closing a service log failed", e);
        }
    }

    /** "Embedded", "Docker" or "Remote": how the Lab view names a mode. */
    public static String modeName(LabMode mode) {
        return switch (mode) {
            case EMBEDDED -> "Embedded";
            case DOCKER -> "Docker";
            case REMOTE -> "Remote";
        };
    }

    /** One sentence on what a mode runs and where the views read from. */
    public static String modeDescription(LabMode mode) {
        return switch (mode) {
            case EMBEDDED -> "The console's own OTLP receiver and store; lab-backend runs as a local process. No Docker needed.";
            case DOCKER -> "The Grafana LGTM stack in Docker (Collector, Tempo, Loki, Prometheus, Grafana) with lab-backend as a container.";
            case REMOTE -> "Your team's Tempo (or Zipkin or Jaeger), Loki and Prometheus, reached by URL; the console starts nothing.";
        };
    }

    /** Starts the lab in the background; the buttons wait until it is up or failed. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        state.set(LabState.STARTING);
        problem.set(null);
        TraceSourceChoice traces = traceSource.get();
        control.execute(() -> {
            engine.stackControl().ifPresent(stack -> stack.useTraceSource(traces));
            startOnControlThread();
        });
    }

    /** Stops the traffic and the lab; lab-backend flushes its telemetry before it ends. */
    public void stop() {
        if (!canStop.get()) {
            return;
        }
        beginStopping();
        control.execute(() -> {
            stopEngine();
            executors.ui().execute(this::stopped);
        });
    }

    /** Stop, then start: a new lab-backend process on the same store. */
    public void restart() {
        if (!canRestart.get()) {
            return;
        }
        beginStopping();
        control.execute(() -> {
            stopEngine();
            executors.ui().execute(() -> {
                stopped();
                state.set(LabState.STARTING);
            });
            startOnControlThread();
        });
    }

    public void startTraffic() {
        if (!canStartTraffic.get() || generator == null) {
            return;
        }
        Traffic target = generator;
        TrafficProfile profile = profile();
        trafficRunning.set(true);
        control.execute(() -> {
            target.setProfile(profile);
            target.start();
        });
    }

    public void stopTraffic() {
        if (!canStopTraffic.get() || generator == null) {
            return;
        }
        Traffic target = generator;
        trafficRunning.set(false);
        control.execute(target::stop);
    }

    /** The profile the controls describe; IllegalArgumentException says what is wrong. */
    public TrafficProfile profile() {
        return new TrafficProfile(requestsPerSecond.get(), slowPercent.get() / 100, errorPercent.get() / 100,
                TrafficProfile.DEFAULT.slowDelay());
    }

    /**
     * Applies the output lines that arrived since the last drain: called on the UI executor by
     * the drain timer; tests may call it directly.
     */
    public void drainOutput() {
        drainScheduled.set(false);
        List<String> lines = pendingOutput.drain();
        if (lines.isEmpty()) {
            return;
        }
        if (lines.size() >= OUTPUT_CAPACITY) {
            output.setAll(lines.subList(lines.size() - OUTPUT_CAPACITY, lines.size()));
            return;
        }
        int overflow = output.size() + lines.size() - OUTPUT_CAPACITY;
        if (overflow > 0) {
            output.remove(0, overflow);
        }
        output.addAll(lines);
    }

    /**
     * Reads the traffic counts once (the counts timer calls this); tests may call it directly.
     * Also follows the generator when something else drives it (an exercise's scenario starts
     * it and stops it at its end).
     */
    public void refreshCounts() {
        Traffic current = generator;
        if (current != null) {
            counts.set(current.counts());
            trafficRunning.set(current.isRunning());
            scenarioPlaying.set(current.isPlaying());
        }
    }

    /** The window closes: stop polling. The engine itself is closed by whoever made it. */
    public void close() {
        stopCountsTimer();
        closeServiceLog();
    }

    private void startOnControlThread() {
        try {
            engine.start();
            // the lab's address: lab-web's tasks page where it runs, else lab-backend
            Optional<URI> url = engine.webUrl().or(engine::backendUrl);
            Optional<Traffic> traffic = engine.traffic();
            LabStatus status = engine.status();
            executors.ui().execute(() -> started(url, traffic, status));
        } catch (LabStartException e) {
            LabStatus status = engine.status();
            executors.ui().execute(() -> failed(LabProblem.from(e), status));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executors.ui().execute(() -> failed(new LabProblem("Starting the lab was interrupted", List.of(),
                    "Press Start again."), engine.status()));
        } catch (RuntimeException e) {
            LOG.warn("The lab failed to start unexpectedly", e);
            executors.ui().execute(() -> failed(LabProblem.unexpected(e), engine.status()));
        }
    }

    private void stopEngine() {
        try {
            engine.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the lab failed", e);
        }
    }

    private void started(Optional<URI> url, Optional<Traffic> traffic, LabStatus status) {
        parts.setAll(status.parts());
        if (status.anyFailed()) {
            // lab-backend ended between the start and this moment
            failedPart(status);
            return;
        }
        state.set(LabState.RUNNING);
        workFinished("The " + modeName(modeProperty().get()) + " lab is running");
        backendUrl.set(url.map(URI::toString).orElse(""));
        openTarget.set(url.map(address -> address.resolve(engine.webUrl().isPresent() ? "/" : "/health").toString())
                .orElse(""));
        generator = traffic.orElse(null);
        trafficRunning.set(generator != null && generator.isRunning());
        counts.set(generator == null ? TrafficCounts.NONE : generator.counts());
        startCountsTimer();
    }

    private void failed(LabProblem why, LabStatus status) {
        parts.setAll(status.parts());
        problem.set(why);
        state.set(LabState.FAILED);
        workFinished("The lab could not start: " + why.message());
        forgetBackend();
    }

    private void beginStopping() {
        state.set(LabState.STOPPING);
        trafficRunning.set(false);
        stopCountsTimer();
        refreshCounts();
        generator = null;
    }

    private void stopped() {
        state.set(LabState.STOPPED);
        problem.set(null);
        backendUrl.set("");
        openTarget.set("");
        parts.setAll(engine.status().parts());
    }

    private void applyStatus(LabStatus status) {
        parts.setAll(status.parts());
        refreshStack();
        if (state.get() == LabState.RUNNING && status.anyFailed()) {
            failedPart(status);
        }
    }

    private void failedPart(LabStatus status) {
        PartStatus broken = status.parts().stream().filter(part -> part.state() == PartState.FAILED)
                .findFirst().orElseThrow();
        problem.set(LabProblem.partFailed(broken.part(), broken.detail()));
        state.set(LabState.FAILED);
        forgetBackend();
    }

    private void forgetBackend() {
        refreshCounts();
        stopCountsTimer();
        generator = null;
        trafficRunning.set(false);
        backendUrl.set("");
        openTarget.set("");
    }

    private void onOutputLine(String line) {
        pendingOutput.offer(BackendOutputLine.format(line));
        if (drainScheduled.compareAndSet(false, true)) {
            executors.timer().schedule(() -> executors.ui().execute(this::drainOutput),
                    DRAIN_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void applyProfileWhileRunning() {
        Traffic current = generator;
        if (current != null && trafficProblem.get().isEmpty()) {
            TrafficProfile profile = profile();
            control.execute(() -> current.setProfile(profile));
        }
    }

    private void startCountsTimer() {
        stopCountsTimer();
        countsTimer = executors.timer().scheduleAtFixedRate(() -> executors.ui().execute(this::refreshCounts),
                COUNTS_INTERVAL.toMillis(), COUNTS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopCountsTimer() {
        if (countsTimer != null) {
            countsTimer.cancel(false);
            countsTimer = null;
        }
    }

    private String profileProblem() {
        try {
            profile();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String describeTraffic() {
        if (state.get() != LabState.RUNNING) {
            return "";
        }
        if (!trafficRunning.get()) {
            return "Traffic: stopped";
        }
        if (scenarioPlaying.get()) {
            return "Traffic: an exercise's scenario";
        }
        return String.format(Locale.ROOT, "Traffic: %s req/s, %.0f%% slow, %.0f%% failing",
                formatRate(requestsPerSecond.get()), slowPercent.get(), errorPercent.get());
    }

    static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    public ReadOnlyObjectProperty<LabState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public StringBinding stateTextProperty() {
        return stateText;
    }

    public ObservableList<PartStatus> parts() {
        return parts;
    }

    /** lab-backend's last {@link #OUTPUT_CAPACITY} lines, oldest first. */
    public ObservableList<String> output() {
        return output;
    }

    /** What Open shows in the browser: lab-web's tasks page, or lab-backend's /health without lab-web. */
    public ReadOnlyStringProperty openTargetProperty() {
        return openTarget.getReadOnlyProperty();
    }

    /** The lab's address: lab-web's while it runs, else lab-backend's. */
    public ReadOnlyStringProperty backendUrlProperty() {
        return backendUrl.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LabProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the current mode runs a stack of containers (Docker): the Stack card shows. */
    public ReadOnlyBooleanProperty hasStackProperty() {
        return hasStack.getReadOnlyProperty();
    }

    public ObservableList<String> stackServices() {
        return stackServices;
    }

    /** Grafana's URL while the stack runs, else "". */
    public ReadOnlyStringProperty grafanaUrlProperty() {
        return grafanaUrl.getReadOnlyProperty();
    }

    /** Grafana's admin password in Docker mode once the first Start made it, else "". */
    public ReadOnlyStringProperty grafanaPasswordProperty() {
        return grafanaPassword.getReadOnlyProperty();
    }

    /** Whose output the output list shows: {@link #BACKEND_OUTPUT} or a stack service. */
    public ReadOnlyStringProperty shownLogProperty() {
        return shownLog.getReadOnlyProperty();
    }

    /**
     * Hears when long work ends (a lab start with its image pulls, an image export or import), to
     * tell a user who went to another view meanwhile. Called on the FX thread.
     */
    public void addWorkFinishedListener(java.util.function.Consumer<String> listener) {
        workFinishedListeners.add(listener);
    }

    private void workFinished(String message) {
        workFinishedListeners.forEach(listener -> listener.accept(message));
    }

    /** Whether this lab can export and import the offline image bundle. */
    public ReadOnlyBooleanProperty hasBundlesProperty() {
        return hasBundles.getReadOnlyProperty();
    }

    /** The running export's or import's done fraction, -1 when none runs. */
    public javafx.beans.property.ReadOnlyDoubleProperty bundleProgressProperty() {
        return bundleProgress.getReadOnlyProperty();
    }

    /** What the last export or import did, or is doing. */
    public ReadOnlyStringProperty bundleMessageProperty() {
        return bundleMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stackBusyProperty() {
        return stackBusy.getReadOnlyProperty();
    }

    public BooleanBinding canResetProperty() {
        return canReset;
    }

    public BooleanBinding canRestartServiceProperty() {
        return canRestartService;
    }

    /** Where Docker mode reads traces (Tempo by default). */
    public ReadOnlyObjectProperty<TraceSourceChoice> traceSourceProperty() {
        return traceSource.getReadOnlyProperty();
    }

    /** Whether the trace source can change now: the lab stopped, no mode switch in progress. */
    public BooleanBinding canChangeTraceSourceProperty() {
        return canChangeTraceSource;
    }

    public ObservableList<LabMode> modes() {
        return modes;
    }

    public ReadOnlyObjectProperty<LabMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Whether the mode can change now: more than one mode, the lab stopped, no switch in progress. */
    public BooleanBinding canChangeModeProperty() {
        return canChangeMode;
    }

    public ReadOnlyBooleanProperty switchingModeProperty() {
        return switchingMode.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    public BooleanBinding canRestartProperty() {
        return canRestart;
    }

    public DoubleProperty requestsPerSecondProperty() {
        return requestsPerSecond;
    }

    public DoubleProperty slowPercentProperty() {
        return slowPercent;
    }

    public DoubleProperty errorPercentProperty() {
        return errorPercent;
    }

    public StringBinding trafficProblemProperty() {
        return trafficProblem;
    }

    public ReadOnlyBooleanProperty trafficRunningProperty() {
        return trafficRunning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrafficCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public BooleanBinding canStartTrafficProperty() {
        return canStartTraffic;
    }

    public BooleanBinding canStopTrafficProperty() {
        return canStopTraffic;
    }

    /** "Traffic: 5 req/s, 5% slow, 2% failing", "Traffic: stopped", or "" while the lab is down. */
    public StringBinding trafficTextProperty() {
        return trafficText;
    }
}
