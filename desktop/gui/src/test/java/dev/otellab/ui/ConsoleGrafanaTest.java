package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabMode;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.FakeLabEngine;
import dev.otellab.ui.shell.ConsoleSettings;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Open in Grafana" shows in the Logs and SLIs views exactly while the lab's mode has a Grafana. */
@ExtendWith(ApplicationExtension.class)
class ConsoleGrafanaTest {
    @TempDir
    Path dir;

    private final FakeLabEngine lab = new FakeLabEngine(LabMode.DOCKER);
    private Console console;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        executors = UiExecutors.forWindow();
        console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1280, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        console.close();
        executors.shutdown();
        lab.close();
    }

    /** Whether the button is shown in its view (the views other than the current one are not in the scene). */
    private boolean visible(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> java.util.stream.Stream.of(console.logs().node(), console.slis().node(),
                        console.traces().waterfallView())
                .map(view -> view.lookup(id)).filter(java.util.Objects::nonNull).findFirst()
                .map(Node::isVisible).orElseThrow(() -> new AssertionError("no " + id))).get();
    }

    @Test
    void theButtonsFollowWhetherThereIsAGrafana(FxRobot robot) throws Exception {
        assertThat(visible(robot, "#logs-open-grafana")).isFalse();
        assertThat(visible(robot, "#sli-open-grafana")).isFalse();

        lab.setGrafana(URI.create("http://127.0.0.1:3000"));

        await().atMost(Duration.ofSeconds(10)).until(() -> visible(robot, "#logs-open-grafana"));
        assertThat(visible(robot, "#sli-open-grafana")).isTrue();
        assertThat(visible(robot, "#trace-open-grafana")).as("no trace is open").isFalse();

        lab.setGrafana(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !visible(robot, "#logs-open-grafana"));
    }
}
