package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.FakeLabEngine;
import dev.otellab.ui.lab.LabState;
import dev.otellab.ui.shell.ConsoleSettings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Long lab work that ends while another view shows is told in a notification; in the Lab view it is not. */
@ExtendWith(ApplicationExtension.class)
class WorkFinishedNoticeTest {
    @TempDir
    Path dir;

    private final FakeLabEngine lab = new FakeLabEngine();
    private Console console;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        executors = UiExecutors.forWindow();
        console = Console.create(ConsoleLauncher.services(lab, new DataDirectories(dir.resolve("data"), dir.resolve("config"))),
                executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1024, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        console.close();
        executors.shutdown();
        lab.close();
    }

    @Test
    void aLabThatFinishesStartingWhileTheUserIsElsewhereIsAnnounced(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().show(console.lab()));
        robot.interact(() -> console.labModel().lifecycle().start());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.labModel().lifecycle().stateProperty().get() == LabState.RUNNING));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(WorkFinishedNoticeTest::notification)).as("the Lab view says it itself").isEmpty();

        robot.interact(() -> console.labModel().lifecycle().stop());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.labModel().lifecycle().stateProperty().get() == LabState.STOPPED));
        robot.interact(() -> console.window().show(console.traces()));
        robot.interact(() -> console.labModel().lifecycle().start());

        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> notification().isPresent()));
        assertThat(fx(() -> notification().orElseThrow())).contains("lab is running");
    }

    /** The text of a shown ControlsFX notification, if one shows. */
    private static Optional<String> notification() {
        return Window.getWindows().stream().filter(window -> window instanceof PopupWindow && window.isShowing())
                .map(window -> window.getScene().getRoot().lookupAll(".label"))
                .flatMap(labels -> labels.stream().map(Node.class::cast))
                .filter(node -> node instanceof Label label && label.getText() != null && label.getText().contains("lab is running"))
                .map(node -> ((Label) node).getText()).findFirst();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
