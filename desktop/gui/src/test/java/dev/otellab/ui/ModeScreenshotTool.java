package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.telemetry.lgtm.FixtureServer;
import dev.otellab.telemetry.lgtm.FreePort;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.awaitility.Awaitility;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Screenshots of the Lab view's Docker and Remote modes (docs/screenshots/lab-docker.png,
 * lab-remote.png): the window's real switchable lab; Remote's "Test connection" asks recorded
 * Tempo and Loki answers on a loopback server and a closed Prometheus port. Run under Xvfb (see
 * take-screenshots.sh); the first argument is the output folder.
 */
public final class ModeScreenshotTool {
    private static Stage stage;
    private static Console console;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "../../docs/screenshots").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("lab-console-mode-shots");
        DataDirectories directories = new DataDirectories(data.resolve("data"), data.resolve("config"));
        System.setProperty("lab.backend.jar", LabBackendJar.path().toString());
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        try (SwitchableLab lab = LabEngines.switchable(EmbeddedLabSettings.defaults(directories));
             FixtureServer recorded = new FixtureServer()) {
            recorded.on("/api/status/buildinfo", FixtureServer.fixture("tempo-2.7.2/tempo-buildinfo.json"));
            recorded.on("/loki/api/v1/status/buildinfo", FixtureServer.fixture("loki-3.4.6/loki-buildinfo.json"));
            UiExecutors executors = UiExecutors.forWindow();
            fx(() -> {
                console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
                stage = new Stage();
                stage.setScene(console.window().createScene(1440, 900));
                stage.show();
                console.window().show(console.lab());
                console.labModel().mode().selectMode(LabMode.DOCKER);
                return null;
            });
            await(() -> fx(() -> console.labModel().mode().modeProperty().get() == LabMode.DOCKER
                    && !console.labModel().mode().switchingModeProperty().get()));
            fx(() -> {
                console.labModel().stack().selectTraceSource(dev.otellab.lab.TraceSourceChoice.JAEGER);
                return null;
            });
            await(() -> fx(() -> console.labModel().lifecycle().parts().stream().anyMatch(part -> part.part().equals("jaeger"))));
            shoot(out.resolve("lab-docker.png"));

            fx(() -> {
                console.labModel().mode().selectMode(LabMode.REMOTE);
                return null;
            });
            await(() -> fx(() -> console.labModel().mode().modeProperty().get() == LabMode.REMOTE
                    && !console.labModel().mode().switchingModeProperty().get()));
            fx(() -> {
                ((TextField) stage.getScene().lookup("#remote-tempo")).setText(recorded.uri().toString());
                ((TextField) stage.getScene().lookup("#remote-loki")).setText(recorded.uri().toString());
                ((TextField) stage.getScene().lookup("#remote-prometheus")).setText("http://127.0.0.1:" + FreePort.find());
                ((TextField) stage.getScene().lookup("#remote-grafana")).setText("https://grafana.example.com");
                stage.getScene().lookup("#remote-test").fireEvent(new javafx.event.ActionEvent());
                return null;
            });
            await(() -> fx(() -> !((javafx.scene.layout.VBox) stage.getScene().lookup("#remote-checks")).getChildren().isEmpty()));
            shoot(out.resolve("lab-remote.png"));
            executors.shutdown();
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    private static void shoot(Path file) throws Exception {
        Thread.sleep(800);
        fx(() -> null);
        WritableImage image = fx(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
