package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.PartHealth;
import dev.otellab.ui.shell.StatusBarViewModel;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Takes the documentation's screenshots: opens the real window over generated lab telemetry,
 * shows each view and writes {@code scene.snapshot} as PNG. Needs a display (Xvfb); see
 * docs/screenshots/README.md. Argument: the output folder (default ../../docs/screenshots). The
 * system property {@code shots.size} (e.g. {@code 1024x700}) sets the window's size; the files
 * then end in {@code -1024x700}. Each shot's layout problems (see {@link LayoutProblems}) are printed.
 */
public final class ScreenshotTool {
    private static final long WAIT_MILLIS = 20_000;
    private static final String SIZE_PROPERTY = System.getProperty("shots.size", "");
    private static final int[] SIZE = SIZE_PROPERTY.isEmpty() ? new int[] {1500, 940}
            : java.util.Arrays.stream(SIZE_PROPERTY.split("x")).mapToInt(Integer::parseInt).toArray();
    private static final String SIZE_SUFFIX = SIZE_PROPERTY.isEmpty() ? "" : "-" + SIZE_PROPERTY;

    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "../../docs/screenshots").toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path scratch = Files.createTempDirectory("console-screenshots");
        dev.otellab.ui.ConsoleApplication.configureRendering(); // as the real window does
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        Clock clock = Clock.systemDefaultZone();
        SampleTelemetry sample = SampleTelemetry.generate(clock, 60);
        InMemoryTelemetry telemetry = sample.toTelemetry();
        StatusBarViewModel statusBar = new StatusBarViewModel(Platform::runLater);
        DataDirectories directories = new DataDirectories(scratch.resolve("data"), scratch.resolve("config"));
        statusBar.setLabMode("Embedded lab");
        statusBar.reportPart(new PartHealth("receiver", PartHealth.State.UP, "OTLP on 127.0.0.1:4318"));
        statusBar.reportPart(new PartHealth("store", PartHealth.State.UP, ""));
        statusBar.reportPart(new PartHealth("lab-backend", PartHealth.State.UP, "http://127.0.0.1:8080"));
        statusBar.setReceiverEndpoint("OTLP http://127.0.0.1:4318");
        statusBar.setTrafficState("Traffic: 2 req/s");
        statusBar.setDataLocation("Embedded store: ~/.local/share/otel-lab-console/telemetry");
        ConsoleServices services = new ConsoleServices(telemetry, telemetry, telemetry, telemetry, statusBar, directories);
        UiExecutors executors = UiExecutors.forWindow();

        Console console = onFx(() -> Console.create(services, executors, ConsoleSettings.DEFAULT));
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            window.setTitle("OTel Lab Console");
            window.setScene(console.window().createScene(SIZE[0], SIZE[1]));
            window.show();
            return window;
        });
        Scene scene = stage.getScene();

        for (boolean dark : new boolean[] {false, true}) {
            String suffix = (dark ? "-dark" : "") + SIZE_SUFFIX;
            if (dark) {
                onFx(() -> {
                    console.shell().toggleTheme();
                    return null;
                });
            }
            onFx(() -> {
                console.window().show(console.traces());
                console.traces().showResults();
                return null;
            });
            TableView<?> results = console.traces().searchView().table();
            waitFor(() -> !results.getItems().isEmpty());
            snapshot(scene, out.resolve("traces" + suffix + ".png"));

            TraceSummary tasks = onFx(() -> console.traces().searchView().table().getItems().stream()
                    .map(TraceSummary.class::cast)
                    .filter(summary -> summary.spanCount() == 6 && !summary.hasErrors())
                    .findFirst().orElseThrow());
            openAndSelect(console, tasks.traceId(), "INSERT tasks");
            snapshot(scene, out.resolve("waterfall" + suffix + ".png"));

            openAndSelect(console, sample.errorTraceId(), "simulate failure");
            snapshot(scene, out.resolve("waterfall-error-details" + suffix + ".png"));

            onFx(() -> {
                console.window().show(console.logs());
                console.logs().table().getSelectionModel().clearSelection();
                return null;
            });
            TableView<?> logs = console.logs().table();
            waitFor(() -> logs.getItems().size() > 20);
            onFx(() -> {
                int errorRow = 0;
                for (int i = 0; i < logs.getItems().size(); i++) {
                    if (((dev.otellab.telemetry.model.LogRecord) logs.getItems().get(i)).severityNumber() >= 17) {
                        errorRow = i;
                    }
                }
                logs.getSelectionModel().select(errorRow);
                logs.scrollTo(Math.max(0, errorRow - 12));
                return null;
            });
            snapshot(scene, out.resolve("logs" + suffix + ".png"));
        }

        onFx(() -> {
            console.close();
            stage.close();
            return null;
        });
        executors.shutdown();
        Platform.exit();
        System.out.println("Screenshots written to " + out);
    }

    private static void openAndSelect(Console console, String traceId, String spanName) throws Exception {
        onFx(() -> {
            console.window().showTrace(traceId);
            return null;
        });
        ListView<WaterfallRow> rows = console.traces().waterfallView().rowList();
        waitFor(() -> !rows.getItems().isEmpty() && rows.getItems().get(0).span().traceId().equals(traceId));
        onFx(() -> {
            rows.getItems().stream().filter(row -> row.span().name().equals(spanName)).findFirst()
                    .ifPresent(row -> rows.getSelectionModel().select(row));
            return null;
        });
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS, () -> onFx(condition));
    }

    /** Lets layout, CSS and rendering settle: returns after {@code count} pulses of the FX thread. */
    private static void waitForPulses(int count) throws Exception {
        CountDownLatch pulses = new CountDownLatch(count);
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
            }
        };
        onFx(() -> {
            timer.start();
            return null;
        });
        boolean done = pulses.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        onFx(() -> {
            timer.stop();
            return null;
        });
        if (!done) {
            throw new IllegalStateException("The FX thread did not pulse");
        }
    }

    private static void snapshot(Scene scene, Path file) throws Exception {
        waitForPulses(30);
        var image = onFx(() -> scene.snapshot(null));
        onFx(() -> LayoutProblems.in(scene)).forEach(problem -> System.out.println("  layout: " + problem));
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("Could not write " + file, e);
        }
        System.out.println("wrote " + file);
    }
}
