package dev.otellab.ui.lab;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.ui.common.UiExecutors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A lab that cannot start explains why in the Lab view, with what to do; the real embedded lab, headless. */
@ExtendWith(ApplicationExtension.class)
class LabViewProblemTest {
    @TempDir
    Path dir;

    private EmbeddedLab lab;
    private LabViewModel model;
    private UiExecutors executors;
    private final ExecutorService control = Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                dir.resolve("missing").resolve("lab-backend.jar"), 0, TrafficProfile.DEFAULT));
        executors = UiExecutors.forWindow();
        model = new LabViewModel(lab, executors, control);
        LabView view = new LabView(model, message -> { });
        Scene scene = new Scene(new javafx.scene.layout.StackPane(view.node()), 1100, 700);
        scene.getStylesheets().setAll(dev.otellab.ui.shell.Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        control.shutdownNow();
        lab.close();
        executors.shutdown();
    }

    @Test
    void aMissingBackendJarIsExplainedWithTheCommandThatBuildsIt(FxRobot robot) throws Exception {
        robot.clickOn("#lab-start");

        await().atMost(Duration.ofSeconds(60)).until(() -> WaitForAsyncUtils.asyncFx(
                () -> model.lifecycle().stateProperty().get() == LabState.FAILED).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lab-problem").queryAs(Label.class).getText()).contains("lab-backend is not built");
        assertThat(robot.lookup("#lab-problem").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#lab-problem-action").queryAs(Label.class).getText()).contains("./mvnw -B -DskipTests package");
        assertThat(robot.lookup("#lab-start").queryButton().isDisabled()).as("Start can be pressed again").isFalse();
        assertThat(robot.lookup("#lab-progress").query().isVisible()).isFalse();
        assertThat(robot.lookup("#part-lab-backend").query().getStyleClass()).contains("part-row");
        assertThat(robot.lookup("#part-lab-backend .part-state").queryAs(Label.class).getText()).isEqualTo("failed");
    }
}
