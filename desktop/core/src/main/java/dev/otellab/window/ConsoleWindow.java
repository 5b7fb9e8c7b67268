package dev.otellab.window;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The console window as the command line sees it (decision 0048). The gui module provides it
 * (META-INF/services); the CLI finds it here at run time, so the CLI's code compiles without the
 * window and without JavaFX.
 */
public interface ConsoleWindow {

    /**
     * Opens the window and returns the process's exit code once it closes.
     *
     * @param makeLab     makes the window's lab once a display is known to exist
     * @param directories the data and config folders the lab uses
     */
    int run(Supplier<? extends LabEngine> makeLab, DataDirectories directories, PrintWriter err);

    /** The window on the class path, or none in a build without the gui module. */
    static Optional<ConsoleWindow> find() {
        return ServiceLoader.load(ConsoleWindow.class).findFirst();
    }
}
