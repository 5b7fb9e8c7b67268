package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.FakeLabEngine;
import dev.otellab.ui.shell.ConsoleSettings;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** lab-backend's output in the Lab view, headless: trace ids are links to the trace; long lines wrap. */
@ExtendWith(ApplicationExtension.class)
class LabOutputLinksTest {
    @TempDir
    Path dir;

    private final FakeLabEngine lab = new FakeLabEngine();
    private SampleTelemetry sample;
    private Console console;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        sample = SampleTelemetry.generate(Clock.systemDefaultZone(), 10);
        lab.telemetry().addSpans(sample.spans());
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
    void aTraceIdInTheOutputOpensTheTrace(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().show(console.lab()));
        String line = "12:00:01.123 ERROR dev.otellab.backend.http.LabRoutes - Request failed: POST /api/reports/overdue"
                + " trace_id=" + sample.errorTraceId() + " span_id=00f067aa0ba902b7 and a long tail of words that does not"
                + " fit in the output card of a small window, so it has to wrap onto the next line instead";
        lab.print(line);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup(".output-trace-link").tryQuery().isPresent()));

        ListView<?> output = robot.lookup("#backend-output").queryListView();
        ListCell<?> cell = robot.lookup("#backend-output .list-cell").match((ListCell<?> c) -> line.equals(c.getItem())).query();
        assertThat(fx(() -> cell.getWidth())).as("no sideways scrolling").isLessThanOrEqualTo(fx(() -> output.getWidth()));
        assertThat(fx(() -> cell.getHeight())).as("the long line wraps").isGreaterThan(30);

        Hyperlink link = robot.lookup(".output-trace-link").queryAs(Hyperlink.class);
        assertThat(link.getText()).isEqualTo(sample.errorTraceId());
        robot.clickOn((Node) link);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.window().currentView() == console.traces()
                && console.traces().showsTrace()
                && !console.traces().waterfallView().rowList().getItems().isEmpty()));
        assertThat(fx(() -> console.traces().waterfallView().rowList().getItems().get(0).span().traceId()))
                .isEqualTo(sample.errorTraceId());
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
