package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.window.ConsoleWindow;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** The JavaFX window, as the service the CLI's default command finds (META-INF/services). */
public final class JavaFxConsoleWindow implements ConsoleWindow {

    @Override
    public int run(Supplier<? extends LabEngine> makeLab, DataDirectories directories, PrintWriter err) {
        return ConsoleLauncher.run(makeLab, directories, err);
    }
}
