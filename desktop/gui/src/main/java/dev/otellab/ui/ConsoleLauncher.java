package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.ui.lab.LabStatusBarFeed;
import dev.otellab.ui.shell.StatusBarViewModel;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Opens the console window on the lab the composition root makes (dev.otellab.app; embedded first:
 * its store opens now, the receiver and lab-backend start when the user presses Start), shows the
 * window, and when the window closes stops the lab cleanly (lab-backend flushes its telemetry) and
 * closes the store. Not a JavaFX Application itself, so the shaded jar starts from the class path.
 */
public final class ConsoleLauncher {
    public static final String NO_DISPLAY = "No display found. Run the lab headless with `lab-console lab`, or set DISPLAY.";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLauncher.class);

    private ConsoleLauncher() {
    }

    /**
     * Opens the window and returns the process's exit code once it closes.
     *
     * @param makeLab     makes the window's lab once a display is known to exist
     * @param directories the data and config folders the lab uses
     */
    public static int run(Supplier<? extends LabEngine> makeLab, DataDirectories directories, PrintWriter err) {
        if (!displayAvailable(System.getProperty("os.name", ""), System.getenv(), Boolean.getBoolean("java.awt.headless"))) {
            err.println(NO_DISPLAY);
            err.flush();
            return 1;
        }
        LabEngine lab;
        try {
            lab = makeLab.get();
        } catch (RuntimeException e) {
            err.println("The console cannot open its telemetry store in " + directories.telemetryStoreDir() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        // Ctrl-C or SIGTERM while the window is open: still stop lab-backend (it is a separate process)
        Thread onSignal = new Thread(lab::close, "lab-console-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            ConsoleApplication.launch(services(lab, directories));
            return 0;
        } catch (RuntimeException e) {
            LOG.debug("The window could not open", e);
            err.println("The console window could not open: " + e.getMessage()
                    + ". Run the lab headless with `lab-console lab`.");
            err.flush();
            return 1;
        } finally {
            closeUnlessShuttingDown(lab, onSignal);
        }
    }

    /**
     * The status bar's executor: the FX thread once the toolkit runs. The services are made
     * before the window opens, when there is no FX thread yet and nothing shows the status
     * bar: those first updates run at once, on the launching thread.
     */
    private static void onFxThread(Runnable update) {
        try {
            Platform.runLater(update);
        } catch (IllegalStateException toolkitNotRunning) {
            update.run();
        }
    }

    private static void closeUnlessShuttingDown(LabEngine lab, Thread onSignal) {
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook closes the lab
        }
        lab.close();
    }

    /**
     * The window's services over a lab engine of any mode: its three ports, the engine for the Lab
     * view, and a status bar that follows the engine (mode, parts, where telemetry goes and is read).
     */
    public static ConsoleServices services(LabEngine lab, DataDirectories directories) {
        StatusBarViewModel statusBar = new StatusBarViewModel(ConsoleLauncher::onFxThread);
        ConsoleServices services = new ConsoleServices(lab.traces(), lab.logs(), lab.slis(), lab.serviceMap(), statusBar,
                directories, lab);
        new LabStatusBarFeed(services.statusBar(),
                () -> lab.telemetryEndpoint().map(endpoint -> "OTLP " + endpoint).orElse(""),
                mode -> dataLocation(mode, directories)).follow(lab);
        return services;
    }

    static String dataLocation(LabMode mode, DataDirectories directories) {
        return switch (mode) {
            case EMBEDDED -> "Embedded store: " + directories.telemetryStoreDir();
            case DOCKER -> "The lab's stack in Docker (127.0.0.1): its trace store, Loki and Prometheus";
            case REMOTE -> "Remote trace store, Loki and Prometheus";
        };
    }

    /**
     * Whether a window can open: on Linux and the BSDs, a DISPLAY (X11, or XWayland) or a
     * WAYLAND_DISPLAY must be set; elsewhere, AWT's judgement; never with java.awt.headless=true.
     */
    static boolean displayAvailable(String osName, Map<String, String> environment, boolean awtHeadless) {
        if (awtHeadless) {
            return false;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return !java.awt.GraphicsEnvironment.isHeadless();
        }
        return isSet(environment.get("DISPLAY")) || isSet(environment.get("WAYLAND_DISPLAY"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
