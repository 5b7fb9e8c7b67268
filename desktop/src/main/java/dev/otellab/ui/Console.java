package dev.otellab.ui;

import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.logs.LogViewModel;
import dev.otellab.ui.logs.LogsView;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleWindow;
import dev.otellab.ui.shell.ShellViewModel;
import dev.otellab.ui.traces.TraceSearchViewModel;
import dev.otellab.ui.traces.TracesView;
import dev.otellab.ui.waterfall.WaterfallViewModel;

import java.time.ZoneId;

/**
 * The window's object graph, built in one place: each view model gets its port and the
 * executors through its constructor, each view its view model, and the shell the list of views.
 * The Lab and SLI views join the list in {@link #create} when they exist.
 */
public final class Console {
    private final ConsoleWindow window;
    private final TracesView traces;
    private final LogsView logs;
    private final LogViewModel logModel;
    private final ShellViewModel shell;

    private Console(ConsoleWindow window, ShellViewModel shell, TracesView traces, LogsView logs, LogViewModel logModel) {
        this.window = window;
        this.shell = shell;
        this.traces = traces;
        this.logs = logs;
        this.logModel = logModel;
    }

    /** Call on the FX thread. */
    public static Console create(ConsoleServices services, UiExecutors executors, ConsoleSettings settings) {
        ShellViewModel shell = new ShellViewModel(settings);
        ConsoleWindow window = new ConsoleWindow(shell, services.statusBar());
        ZoneId zone = executors.clock().getZone();
        TraceSearchViewModel search = new TraceSearchViewModel(services.traces(), services.slis(), executors);
        WaterfallViewModel waterfall = new WaterfallViewModel(services.traces(), executors, window);
        TracesView traces = new TracesView(search, waterfall, zone, services.statusBar()::showMessage);
        LogViewModel logModel = new LogViewModel(services.logs(), executors, window);
        LogsView logs = new LogsView(logModel, zone);
        window.register(java.util.List.of(traces, logs));
        return new Console(window, shell, traces, logs, logModel);
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

    /** Stops live feeds (the window closes). */
    public void close() {
        logModel.close();
    }
}
