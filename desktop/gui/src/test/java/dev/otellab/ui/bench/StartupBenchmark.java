package dev.otellab.ui.bench;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.BackendJarLocator;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.ui.ConsoleApplication;
import dev.otellab.ui.ConsoleLauncher;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TableView;
import javafx.stage.Window;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Not a test: the real console window on a real embedded lab, timed as a user meets it.
 * (1) cold start: from the JVM's start to the first frame of the shown window (class loading,
 * store opening, view building included); (2) a click on Start to lab-backend healthy;
 * (3) a click on "Start traffic" to the first trace in the Traces view's results (the view is
 * opened and its Search pressed, as a user would, until a row shows). Runs on Monocle headless
 * without a DISPLAY, else in the X window (Xvfb). The command is in docs/benchmarks.md.
 */
public final class StartupBenchmark {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("headless.geometry", "1600x1000-32");
        }
        Path dir = Files.createTempDirectory("startup-bench");
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        EmbeddedLab lab = new EmbeddedLab(EmbeddedLabSettings.defaults(directories)
                .withReceiver(ReceiverSettings.anyFreePorts()).withBackendPort(0)
                .withBackendJar(BackendJarLocator.locate()));
        Thread window = new Thread(() -> ConsoleApplication.launch(ConsoleLauncher.services(lab, directories)), "window");
        window.setDaemon(true);
        window.start();

        Scene scene = waitFor("the window", () -> onFx(() -> Window.getWindows().stream()
                .filter(Window::isShowing).map(Window::getScene).filter(s -> s != null).findFirst()));
        firstPulse();
        long coldStartMs = System.currentTimeMillis() - jvmStart;

        long startClicked = System.nanoTime();
        fire(scene, "#lab-start");
        waitFor("lab-backend healthy", () -> onFx(() -> Optional.ofNullable(scene.lookup("#traffic-start"))
                .filter(node -> !node.isDisabled())));
        long healthyMs = (System.nanoTime() - startClicked) / 1_000_000;

        long trafficClicked = System.nanoTime();
        fire(scene, "#traffic-start");
        fire(scene, "#nav-traces");
        waitFor("a trace in the Traces view", () -> onFx(() -> {
            TableView<?> results = (TableView<?>) scene.lookup("#trace-results");
            if (results != null && !results.getItems().isEmpty()) {
                return Optional.of(results);
            }
            fire(scene, "#search-button");
            return Optional.empty();
        }));
        long firstTraceMs = (System.nanoTime() - trafficClicked) / 1_000_000;

        System.out.printf(Locale.ROOT, "| cold start to first window frame | %,d ms |%n", coldStartMs);
        System.out.printf(Locale.ROOT, "| Start clicked to lab-backend healthy | %,d ms |%n", healthyMs);
        System.out.printf(Locale.ROOT, "| Start traffic clicked to first trace in the Traces view | %,d ms |%n", firstTraceMs);
        System.out.printf(Locale.ROOT, "| Start clicked to first trace visible (sum) | %,d ms |%n", healthyMs + firstTraceMs);
        Platform.exit();
        window.join(TimeUnit.SECONDS.toMillis(60));
        lab.close();
        System.exit(0);
    }

    private static void fire(Scene scene, String id) {
        Runnable click = () -> {
            Node node = scene.lookup(id);
            if (node == null) {
                throw new IllegalStateException("no " + id + " in the window");
            }
            ((ButtonBase) node).fire();
        };
        if (Platform.isFxApplicationThread()) {
            click.run();
        } else {
            onFx(() -> {
                click.run();
                return Optional.of(Boolean.TRUE);
            });
        }
    }

    private static void firstPulse() throws Exception {
        CompletableFuture<Void> pulse = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                pulse.complete(null);
            }
        }.start());
        pulse.get(30, TimeUnit.SECONDS);
    }

    private static <T> Optional<T> onFx(Supplier<Optional<T>> query) {
        CompletableFuture<Optional<T>> answer = new CompletableFuture<>();
        try {
            Platform.runLater(() -> {
                try {
                    answer.complete(query.get());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (IllegalStateException toolkitNotStarted) {
            return Optional.empty();
        }
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T waitFor(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + LIMIT.toSeconds() + " s");
    }
}
