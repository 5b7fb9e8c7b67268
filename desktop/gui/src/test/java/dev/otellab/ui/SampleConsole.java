package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.StatusBarViewModel;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The real window over generated sample telemetry (no lab), for window tests: build it in a
 * TestFX {@code @Start} method, close it in {@code @AfterEach}.
 */
final class SampleConsole {
    final SampleTelemetry sample;
    final InMemoryTelemetry telemetry;
    final Console console;
    private final UiExecutors executors;

    private SampleConsole(SampleTelemetry sample, InMemoryTelemetry telemetry, Console console, UiExecutors executors) {
        this.sample = sample;
        this.telemetry = telemetry;
        this.console = console;
        this.executors = executors;
    }

    /** {@code traces} sample traces (with their logs) in a window of the given size, shown on {@code stage}. */
    static SampleConsole show(Stage stage, Path folder, int traces, double width, double height) {
        SampleTelemetry sample = SampleTelemetry.generate(Clock.systemDefaultZone(), traces);
        InMemoryTelemetry telemetry = sample.toTelemetry();
        ConsoleServices services = new ConsoleServices(telemetry, telemetry, telemetry, telemetry, new StatusBarViewModel(Platform::runLater),
                new DataDirectories(folder.resolve("data"), folder.resolve("config")));
        UiExecutors executors = UiExecutors.forWindow();
        Console console = Console.create(services, executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(width, height));
        stage.show();
        return new SampleConsole(sample, telemetry, console, executors);
    }

    void close() {
        console.close();
        executors.shutdown();
    }
}
