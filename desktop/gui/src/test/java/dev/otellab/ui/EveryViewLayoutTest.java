package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.FakeLabEngine;
import dev.otellab.ui.lab.LabState;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleView;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every view the shell has, at 1024×700 (a small laptop window; the default window size in
 * {@link EveryViewAtDefaultSizeLayoutTest}), over sample telemetry with the lab running: no label is cut with an ellipsis, no two
 * controls overlap, nothing is cut off (see {@link LayoutProblems}). Views added to the shell
 * are checked without changing this test; an open trace with an error span selected and a
 * selected log record are checked as well.
 */
@ExtendWith(ApplicationExtension.class)
class EveryViewLayoutTest {
    @TempDir
    Path dir;

    private final FakeLabEngine embedded = new FakeLabEngine(LabMode.EMBEDDED);
    private final FakeLabEngine docker = new FakeLabEngine(LabMode.DOCKER);
    private SwitchableLab lab;
    private SampleTelemetry sample;
    private UiExecutors executors;
    private Console console;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        sample = SampleTelemetry.generate(Clock.systemDefaultZone(), 40);
        embedded.telemetry().addSpans(sample.spans());
        embedded.telemetry().addLogs(sample.logs());
        Map<LabMode, Supplier<? extends LabEngine>> factories = new LinkedHashMap<>();
        factories.put(LabMode.EMBEDDED, () -> embedded);
        factories.put(LabMode.DOCKER, () -> docker);
        lab = new SwitchableLab(LabMode.EMBEDDED, factories);
        executors = UiExecutors.forWindow();
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(width(), height()));
        stage.show();
    }

    @AfterEach
    void close() {
        console.close();
        executors.shutdown();
        lab.close();
    }

    /** The window's width: a small laptop's window here, the default size in the subclass. */
    double width() {
        return 1024;
    }

    double height() {
        return 700;
    }

    @Test
    void everyViewFitsTheWindow(FxRobot robot) throws Exception {
        assertThat(problemsInEveryView(robot)).isEmpty();
    }

    private List<String> problemsInEveryView(FxRobot robot) throws Exception {
        robot.interact(() -> console.labModel().lifecycle().start());
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> console.labModel().lifecycle().stateProperty().get() == LabState.RUNNING));
        List<String> problems = new ArrayList<>();
        for (ConsoleView view : fx(() -> console.window().views())) {
            robot.interact(() -> console.window().show(view));
            settle();
            problems.addAll(inScene(view.title()));
        }

        robot.interact(() -> console.window().showTrace(sample.errorTraceId()));
        var rows = console.traces().waterfallView().rowList();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> !rows.getItems().isEmpty()
                && rows.getItems().get(0).span().traceId().equals(sample.errorTraceId())));
        robot.interact(() -> rows.getItems().stream().filter(row -> !row.span().events().isEmpty()).findFirst()
                .ifPresent(row -> rows.getSelectionModel().select(row)));
        settle();
        problems.addAll(inScene("waterfall with an error span selected"));

        robot.interact(() -> console.window().show(console.logs()));
        TableView<LogRecord> logs = console.logs().table();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> !logs.getItems().isEmpty()));
        robot.interact(() -> logs.getSelectionModel().select(logs.getItems().stream()
                .filter(record -> record.severityNumber() >= 17).findFirst().orElse(logs.getItems().get(0))));
        settle();
        problems.addAll(inScene("Logs with an error record selected"));
        return problems;
    }

    private List<String> inScene(String state) throws Exception {
        double width = fx(() -> stage.getScene().getWidth());
        double height = fx(() -> stage.getScene().getHeight());
        String where = state + " at " + (int) width + "x" + (int) height + ": ";
        return fx(() -> LayoutProblems.in(stage.getScene())).stream().map(problem -> where + problem).toList();
    }

    /** Lets queries answer and layout, CSS and skins settle: 20 pulses of the FX thread. */
    private static void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        CountDownLatch pulses = new CountDownLatch(20);
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
            }
        };
        fx(() -> {
            timer.start();
            return null;
        });
        boolean pulsed = pulses.await(20, TimeUnit.SECONDS);
        fx(() -> {
            timer.stop();
            return null;
        });
        assertThat(pulsed).as("the FX thread pulses").isTrue();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
