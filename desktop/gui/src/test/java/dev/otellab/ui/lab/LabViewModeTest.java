package dev.otellab.ui.lab;

import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.ui.common.UiExecutors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lab view's mode bar and a part's progress bar, headless. */
@ExtendWith(ApplicationExtension.class)
class LabViewModeTest {
    private final FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
    private final FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
    private final ExecutorService control = Executors.newSingleThreadExecutor();
    private SwitchableLab lab;
    private LabViewModel model;
    private LabView view;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        Map<LabMode, Supplier<? extends LabEngine>> factories = new LinkedHashMap<>();
        factories.put(LabMode.EMBEDDED, () -> embedded);
        factories.put(LabMode.DOCKER, () -> docker);
        lab = new SwitchableLab(LabMode.EMBEDDED, factories);
        executors = UiExecutors.forWindow();
        model = new LabViewModel(lab, executors, control);
        view = new LabView(model, message -> { });
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
    void clickingAModeSwitchesTheLabAndTheViewRemembersIt(FxRobot robot) {
        assertThat(robot.lookup("#lab-mode-embedded").queryAs(ToggleButton.class).isSelected()).isTrue();

        robot.clickOn("#lab-mode-docker");

        await().atMost(Duration.ofSeconds(10)).until(() -> lab.mode() == LabMode.DOCKER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lab-mode-docker").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#lab-mode-description").queryAs(Label.class).getText()).contains("Docker");
        assertThat(view.saveState()).containsEntry("mode", "DOCKER");
    }

    @Test
    void dockersTraceSourceIsChosenInTheStackCardAndKeptWithTheViewsState(FxRobot robot) throws Exception {
        FakeLabEngine.FakeStack stack = docker.withStack();
        robot.clickOn("#lab-mode-docker");
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(
                () -> robot.lookup("#stack-trace-source").tryQuery().map(javafx.scene.Node::isVisible).orElse(false)).get());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<TraceSourceChoice> choice =
                robot.lookup("#stack-trace-source").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(WaitForAsyncUtils.asyncFx(() -> choice.getConverter().toString(choice.getValue())).get())
                .isEqualTo("Tempo (default)");

        WaitForAsyncUtils.asyncFx(() -> choice.setValue(TraceSourceChoice.ZIPKIN)).get();

        await().atMost(Duration.ofSeconds(10)).until(() -> stack.traceSource() == TraceSourceChoice.ZIPKIN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#stack-trace-source-note").queryAs(Label.class).getText()).contains("jaeger-zipkin");
        assertThat(view.saveState()).containsEntry("traceSource", "ZIPKIN");

        WaitForAsyncUtils.asyncFx(() -> view.restoreState(Map.of("mode", "DOCKER", "traceSource", "JAEGER"))).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.traceSource() == TraceSourceChoice.JAEGER);
        assertThat(WaitForAsyncUtils.asyncFx(choice::getValue).get()).isEqualTo(TraceSourceChoice.JAEGER);
    }

    @Test
    void aPartWorkingTowardsAKnownEndShowsItsProgress(FxRobot robot) {
        embedded.publishParts(List.of(PartStatus.starting("grafana", "pulling grafana/grafana: 12 of 40 MB", 0.3),
                new PartStatus("tempo", PartState.HEALTHY, "http://127.0.0.1:3200")));

        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(
                () -> robot.lookup("#part-grafana .part-progress").tryQuery().isPresent()).get());
        assertThat(robot.lookup("#part-grafana .part-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(0.3);
        assertThat(robot.lookup("#part-tempo .part-progress").tryQuery()).isEmpty();
    }

    @Test
    void theModeButtonsAreDisabledWhileTheLabRuns(FxRobot robot) {
        robot.clickOn("#lab-start");

        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(
                () -> model.lifecycle().stateProperty().get() == LabState.RUNNING).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lab-mode-docker").queryAs(ToggleButton.class).isDisabled()).isTrue();
    }
}
