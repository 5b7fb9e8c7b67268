package dev.otellab.ui.exercises;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.exercises.Exercise;
import dev.otellab.exercises.ExerciseLoader;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.RecordingNavigator;
import dev.otellab.ui.shell.Theme;
import dev.otellab.exercises.ExerciseSession.Stage;
import dev.otellab.exercises.AnswerVerdict.Outcome;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Exercises view on a real embedded lab, headless: stopped, then running a short scenario. */
@ExtendWith(ApplicationExtension.class)
class ExercisesViewTest {
    @TempDir
    Path dir;

    private EmbeddedLab lab;
    private UiExecutors executors;
    private ExercisesViewModel model;
    private final RecordingNavigator navigator = new RecordingNavigator();

    @Start
    void start(javafx.stage.Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("exercises"));
        Files.writeString(folder.resolve("broken.yaml"), "id: Not An Id\n");
        Files.writeString(folder.resolve("quick.yaml"), QuickExercise.YAML);
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT));
        executors = UiExecutors.forWindow();
        model = new ExercisesViewModel(() -> new ExerciseLoader().load(folder), lab, executors, navigator);
        ExercisesView view = new ExercisesView(model);
        Scene scene = new Scene(new StackPane(view.node()), 1100, 760);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
        lab.close();
        executors.shutdown();
    }

    @Test
    void enterChecksTheAnswerATypedChangeClearsTheVerdictAndTheScenarioOpensInTheSlis(FxRobot robot) throws Exception {
        ListView<Exercise> list = robot.lookup("#exercise-list").queryListView();
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(
                () -> list.getItems().stream().anyMatch(exercise -> exercise.id().equals("quick-failing-route"))).get());
        robot.interact(() -> model.selectedProperty().set(list.getItems().stream()
                .filter(exercise -> exercise.id().equals("quick-failing-route")).findFirst().orElseThrow()));
        assertThat(robot.lookup("#exercise-show-slis").queryButton().isDisabled()).as("no scenario yet").isTrue();
        lab.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> model.canStartProperty().get()).get());

        robot.clickOn("#exercise-start");
        await().atMost(Duration.ofSeconds(60)).until(() -> WaitForAsyncUtils.asyncFx(() -> model.stageProperty().get() == Stage.READY).get());
        robot.clickOn("#exercise-show-slis");
        assertThat(navigator.sliWindows).singleElement().asString().startsWith("lab-backend ");

        robot.clickOn("#exercise-answer").write("/api/tasks").type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> model.feedbackProperty().get() != null).get());
        assertThat(model.feedbackProperty().get().outcome()).as("Enter checks").isEqualTo(Outcome.WRONG);
        Label feedback = robot.lookup("#exercise-feedback").queryAs(Label.class);
        assertThat(WaitForAsyncUtils.asyncFx(feedback::isVisible).get()).isTrue();

        robot.type(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.feedbackProperty().get()).as("a changed answer has no verdict yet").isNull();
    }

    @Test
    void theListTheQuestionAndTheWayToTheLabShowWhileTheLabIsStopped(FxRobot robot) throws Exception {
        ListView<Exercise> list = robot.lookup("#exercise-list").queryListView();
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(() -> list.getItems().size()).get() >= 6);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#exercise-problems").query().isVisible()).isTrue();
        assertThat(robot.lookup("#exercise-problems .problem-line").queryAs(Label.class).getText())
                .contains("broken.yaml").contains("lowercase letters, digits and dashes");

        Exercise second = list.getItems().get(1);
        robot.clickOn(second.title());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#exercise-title").queryAs(Label.class).getText()).isEqualTo(second.title());
        assertThat(robot.lookup("#exercise-question").queryAs(Label.class).getText()).isEqualTo(second.question());
        assertThat(robot.lookup("#exercise-facts").queryAs(Label.class).getText()).contains(second.topic().displayName());

        assertThat(robot.lookup("#exercise-lab-stopped").query().isVisible()).isTrue();
        assertThat(robot.lookup("#exercise-start").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#exercise-answer").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#exercise-check").queryButton().isDisabled()).isTrue();
        robot.clickOn("#exercise-open-lab");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(navigator.labShown).hasValue(1);
    }
}
