package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.SliPoint;
import dev.otellab.telemetry.model.SliReport;
import dev.otellab.ui.common.TimeRangeChoice;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.LabState;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleView;
import dev.otellab.ui.shell.Theme;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.awaitility.Awaitility;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Takes the screenshots in docs/screenshots from a real window (run it under Xvfb, see
 * docs/screenshots/README.md): a real embedded lab is started from the Lab view, traffic with
 * slow and failing requests runs for a while, then each view is captured with
 * {@code scene.snapshot}. Add a shot by adding a step to {@link #takeShots}.
 */
public final class LabScreenshotTool {
    private static final double WIDTH = 1440;
    private static final double HEIGHT = 900;

    private final Path out;
    private Stage stage;
    private Console console;

    private LabScreenshotTool(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "../docs/screenshots").toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("lab-console-shots");
        DataDirectories directories = new DataDirectories(data.resolve("data"), data.resolve("config"));
        try (EmbeddedLab lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT,
                ReceiverSettings.anyFreePorts(), LabBackendJar.path(), 0, TrafficProfile.DEFAULT))) {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get();
            new LabScreenshotTool(out).takeShots(lab, directories);
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private void takeShots(EmbeddedLab lab, DataDirectories directories) throws Exception {
        UiExecutors executors = UiExecutors.forWindow();
        fx(() -> {
            console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
            stage = new Stage();
            stage.setTitle("OTel Lab Console");
            stage.setScene(console.window().createScene(WIDTH, HEIGHT));
            // a window manager may offer another size: the shots are always WIDTH x HEIGHT
            stage.setMinWidth(WIDTH);
            stage.setMinHeight(HEIGHT);
            stage.show();
            console.labModel().start();
            return null;
        });
        waitFor("the lab to start", Duration.ofSeconds(90),
                () -> read(() -> console.labModel().stateProperty().get() == LabState.RUNNING));
        fx(() -> {
            console.labModel().requestsPerSecondProperty().set(20);
            console.labModel().slowPercentProperty().set(10);
            console.labModel().errorPercentProperty().set(6);
            console.labModel().startTraffic();
            return null;
        });
        // three minutes of traffic give the SLI charts a shape
        waitFor("three minutes of traffic", Duration.ofMinutes(4),
                () -> read(() -> console.labModel().countsProperty().get().sent() >= 20 * 180));

        show(console.lab());
        shoot("lab.png");

        fx(() -> {
            console.sliModel().rangeProperty().set(TimeRangeChoice.LAST_5_MINUTES);
            return null;
        });
        show(console.slis());
        waitFor("SLIs", Duration.ofSeconds(30), () -> read(() -> !console.sliModel().statuses().isEmpty()
                && console.sliModel().reportProperty().get() != null));
        fx(() -> {
            // list the traces behind the slowest p95 point, as a click on it does
            SliReport report = console.sliModel().reportProperty().get();
            report.overall().points().stream().filter(SliPoint::hasRequests)
                    .max(Comparator.comparingDouble(SliPoint::p95Millis))
                    .ifPresent(point -> console.sliModel().selectPoint(point.timeUnixNano(), point.p95Millis()));
            return null;
        });
        waitFor("the traces of a point", Duration.ofSeconds(30), () -> read(() -> !console.sliModel().windowTraces().isEmpty()));
        shoot("slis.png");

        fx(() -> {
            console.shell().themeProperty().set(Theme.DARK);
            return null;
        });
        shoot("slis-dark.png");
        show(console.lab());
        shoot("lab-dark.png");

        fx(() -> {
            console.close();
            stage.close();
            return null;
        });
        executors.shutdown();
    }

    private void show(ConsoleView view) throws Exception {
        fx(() -> {
            console.window().show(view);
            return null;
        });
    }

    private void shoot(String name) throws Exception {
        // two pulses: the first lays out what changed, the second paints it
        fx(() -> null);
        fx(() -> null);
        WritableImage image = fx(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        Path file = out.resolve(name);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + file);
    }

    private static void waitFor(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
    }

    private static boolean read(Callable<Boolean> check) {
        try {
            return fx(check);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
