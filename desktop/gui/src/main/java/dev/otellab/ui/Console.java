package dev.otellab.ui;

import dev.otellab.lab.LabEngine;
import dev.otellab.ui.common.GrafanaOpener;
import dev.otellab.ui.compare.CompareView;
import dev.otellab.ui.compare.CompareViewModel;
import dev.otellab.ui.tracefiles.TraceFileActions;
import dev.otellab.ui.tracefiles.TraceFilesViewModel;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.LabView;
import dev.otellab.ui.lab.LabViewModel;
import dev.otellab.ui.lab.RemoteSettingsViewModel;
import dev.otellab.ui.logs.LogViewModel;
import dev.otellab.ui.map.MapView;
import dev.otellab.ui.map.MapViewModel;
import dev.otellab.ui.logs.LogsView;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleView;
import dev.otellab.ui.shell.ConsoleWindow;
import dev.otellab.ui.shell.ShellViewModel;
import dev.otellab.ui.sli.SliView;
import dev.otellab.ui.sli.LabRunSpan;
import dev.otellab.ui.sli.SliViewModel;
import dev.otellab.ui.traces.TraceSearchViewModel;
import dev.otellab.ui.exercises.ExercisesView;
import dev.otellab.ui.exercises.ExercisesViewModel;
import dev.otellab.exercises.ExerciseLoader;
import dev.otellab.ui.traces.TracesView;
import dev.otellab.ui.waterfall.WaterfallViewModel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The window's object graph, built in one place: each view model gets its port and the
 * executors through its constructor, each view its view model, and the shell the list of views:
 * Lab (when the services have a lab engine), Traces, Logs, SLIs, Map, Exercises (with a lab engine).
 */
public final class Console {
    private final ConsoleWindow window;
    private final TracesView traces;
    private final LogsView logs;
    private final LogViewModel logModel;
    private TraceSearchViewModel searchModel;
    private final ShellViewModel shell;
    private LabView lab;
    private LabViewModel labModel;
    private ExecutorService labControl;
    private SliView slis;
    private SliViewModel sliModel;
    private MapView map;
    private MapViewModel mapModel;
    private ExercisesView exercises;
    private ExercisesViewModel exerciseModel;
    private CompareViewModel compareModel;
    private TraceFileActions traceFiles;

    private Console(ConsoleWindow window, ShellViewModel shell, TracesView traces, LogsView logs, LogViewModel logModel) {
        this.window = window;
        this.shell = shell;
        this.traces = traces;
        this.logs = logs;
        this.logModel = logModel;
    }

    /** How long closing waits for a lab start or stop in progress before the engine is closed. */
    public static final Duration LAB_CONTROL_GRACE = Duration.ofSeconds(60);

    /** Call on the FX thread. */
    public static Console create(ConsoleServices services, UiExecutors executors, ConsoleSettings settings) {
        ShellViewModel shell = new ShellViewModel(settings);
        ConsoleWindow window = new ConsoleWindow(shell, services.statusBar());
        ZoneId zone = executors.clock().getZone();
        TraceSearchViewModel search = new TraceSearchViewModel(services.traces(), services.slis(),
                services.traceTags().orElse(null), executors);
        WaterfallViewModel waterfall = new WaterfallViewModel(services.traces(), executors, window);
        TracesView traces = new TracesView(search, waterfall, zone, services.statusBar()::showMessage);
        LogViewModel logModel = new LogViewModel(services.logs(), executors, window);
        LogsView logs = new LogsView(logModel, zone);
        Console console = new Console(window, shell, traces, logs, logModel);
        console.searchModel = search;
        Runnable logsOrNone = () -> waterfall.logsAvailableProperty().set(logModel.refreshAvailability());
        logsOrNone.run();
        services.labEngine().ifPresent(engine -> engine.addStatusListener(status -> executors.ui().execute(logsOrNone)));
        List<ConsoleView> views = new ArrayList<>();
        services.labEngine().ifPresent(engine -> {
            // one thread for start/stop/traffic calls: a stop waits for a start in progress
            console.labControl = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "console-lab-control");
                thread.setDaemon(true);
                return thread;
            });
            console.labModel = new LabViewModel(engine, executors, console.labControl);
            RemoteSettingsViewModel remote = remoteSettings(engine, executors, console.labControl);
            console.lab = new LabView(console.labModel, remote, services.statusBar()::showMessage);
            console.lab.linkTraceIds(window);
            console.labModel.addWorkFinishedListener(new dev.otellab.ui.shell.WorkFinishedNotice(window, console.lab)::finished);
            services.statusBar().setTrafficState(console.labModel.traffic().trafficTextProperty().get());
            console.labModel.traffic().trafficTextProperty().addListener(
                    (observable, was, is) -> services.statusBar().setTrafficState(is));
            views.add(console.lab);
        });
        views.add(traces);
        views.add(logs);
        console.sliModel = new SliViewModel(services.slis(), services.traces(), executors, window, services.labEngine()
                .<java.util.function.Supplier<java.util.Optional<LabRunSpan.Run>>>map(engine -> LabRunSpan.following(engine, executors.clock()))
                .orElse(LabRunSpan.NEVER));
        console.slis = new SliView(console.sliModel, zone);
        views.add(console.slis);
        console.mapModel = new MapViewModel(services.serviceMap(), services.slis(), services.traces(), executors, window);
        console.map = new MapView(console.mapModel, zone);
        views.add(console.map);
        services.labEngine().ifPresent(engine -> console.offerGrafana(engine, services, executors));
        services.labEngine().ifPresent(engine -> {
            ExerciseLoader loader = new ExerciseLoader();
            console.exerciseModel = new ExercisesViewModel(() -> loader.load(services.directories().exercisesDir()),
                    engine, executors, window);
            console.exercises = new ExercisesView(console.exerciseModel);
            views.add(console.exercises);
        });
        window.register(views);
        console.offerTraceFiles(services, executors, search, waterfall);
        return console;
    }

    /** Export, open and compare trace files: the Compare pane in Traces and the actions that lead to it. */
    private void offerTraceFiles(ConsoleServices services, UiExecutors executors, TraceSearchViewModel search,
                                 WaterfallViewModel waterfall) {
        compareModel = new CompareViewModel(services.traces(), executors);
        traces.setComparison(new CompareView(compareModel, traces::closeComparison));
        TraceFilesViewModel files = new TraceFilesViewModel(services.traces(), services.logs(),
                () -> services.labEngine().flatMap(LabEngine::traceImport), executors);
        TraceFileActions actions = new TraceFileActions(files, compareModel, traces, waterfall, search,
                services.statusBar()::showMessage);
        actions.onTraceOpened(trace -> window.show(traces));
        traces.searchView().addResultActions(actions.resultActions());
        traces.waterfallView().addTraceActions(actions.traceActions());
        window.addSideBarActions(actions.sideBarActions());
        actions.install(window.root());
        traceFiles = actions;
    }

    public CompareViewModel compareModel() {
        return compareModel;
    }

    public TraceFileActions traceFiles() {
        return traceFiles;
    }

    /** "Open in Grafana" in the trace, log and SLI views, while the lab's mode has a Grafana. */
    private void offerGrafana(LabEngine engine, ConsoleServices services, UiExecutors executors) {
        GrafanaOpener grafana = new GrafanaOpener(engine::grafanaLinks, services.statusBar()::showMessage);
        engine.addStatusListener(status -> executors.ui().execute(grafana::refresh));
        traces.waterfallView().offerGrafana(grafana);
        logs.offerGrafana(grafana);
        slis.offerGrafana(grafana);
    }

    /** The remote stack's settings form, when the lab offers a remote mode. */
    private static RemoteSettingsViewModel remoteSettings(LabEngine engine, UiExecutors executors, Executor control) {
        return engine.remoteSettings().map(settings -> new RemoteSettingsViewModel(settings, executors, control))
                .orElse(null);
    }

    public ConsoleWindow window() {
        return window;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public TracesView traces() {
        return traces;
    }

    public LogsView logs() {
        return logs;
    }

    public LogViewModel logModel() {
        return logModel;
    }

    /** The Lab view, when the services have a lab engine. */
    public LabView lab() {
        return lab;
    }

    public LabViewModel labModel() {
        return labModel;
    }

    public SliView slis() {
        return slis;
    }

    public SliViewModel sliModel() {
        return sliModel;
    }

    public MapView map() {
        return map;
    }

    public MapViewModel mapModel() {
        return mapModel;
    }

    /** The Exercises view, when the services have a lab engine. */
    public ExercisesView exercises() {
        return exercises;
    }

    public ExercisesViewModel exerciseModel() {
        return exerciseModel;
    }

    /**
     * Stops live feeds and timers (the window closes) and lets a lab start or stop in progress
     * finish, so whoever closes the engine next finds it settled.
     */
    public void close() {
        searchModel.close();
        logModel.close();
        sliModel.close();
        mapModel.close();
        if (exerciseModel != null) {
            exerciseModel.close();
        }
        if (labModel != null) {
            labModel.close();
            labControl.shutdown();
            try {
                labControl.awaitTermination(LAB_CONTROL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
