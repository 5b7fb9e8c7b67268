package dev.otellab.ui;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.query.LogFilter;
import dev.otellab.ui.shell.ShortcutHelp;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Getting around the window, headless: a log's trace id opens the waterfall on that log's span
 * and Back returns to the logs (not to an old search); Ctrl+Q quits; F1 lists each key once.
 */
@ExtendWith(ApplicationExtension.class)
class GettingAroundTest {
    @TempDir
    Path folder;

    private SampleConsole window;
    private SampleTelemetry sample;
    private InMemoryTelemetry telemetry;
    private Console console;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = SampleConsole.show(stage, folder, 30, 1280, 800);
        sample = window.sample;
        telemetry = window.telemetry;
        console = window.console;
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void aLogsTraceIdOpensItsSpanAndBackReturnsToTheLogs(FxRobot robot) throws Exception {
        Trace trace = telemetry.trace(TraceId.parse(sample.errorTraceId())).orElseThrow();
        String rootSpan = trace.rootSpan().spanId();
        LogRecord childLog = sample.logs().stream()
                .filter(record -> record.traceId().equals(sample.errorTraceId()) && !record.spanId().equals(rootSpan))
                .findFirst().orElseThrow();
        robot.interact(() -> console.window().showLogs(LogFilter.forTrace(TraceId.parse(sample.errorTraceId()))));
        TableView<LogRecord> logs = console.logs().table();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> logs.getItems().contains(childLog)));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> linkOf(robot, childLog) != null));

        robot.clickOn(fx(() -> linkOf(robot, childLog)));

        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> console.traces().showsTrace()
                && console.traces().waterfallView().rowList().getSelectionModel().getSelectedItem() != null));
        assertThat(fx(() -> console.traces().waterfallView().rowList().getSelectionModel().getSelectedItem().span().spanId()))
                .as("the log's own span, not the root").isEqualTo(childLog.spanId());
        assertThat(robot.lookup("#back-to-results").queryAs(Button.class).getText()).isEqualTo("← Logs");

        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.window().currentView() == console.logs()));

        // the same trace opened from the search goes back to the search results
        robot.interact(() -> console.window().show(console.traces()));
        robot.interact(() -> console.traces().openTrace(sample.errorTraceId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.traces().showsTrace()));
        assertThat(robot.lookup("#back-to-results").queryAs(Button.class).getText()).isEqualTo("← Results");
        robot.clickOn("#back-to-results");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !console.traces().showsTrace()
                && console.window().currentView() == console.traces()));
    }

    @Test
    void controlQClosesTheWindow(FxRobot robot) throws Exception {
        robot.clickOn("#nav-traces");
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !stage.isShowing()));
    }

    @Test
    void theShortcutListHasEachKeyOnce() throws Exception {
        assertThat(fx(() -> console.window().allShortcuts())).extracting(ShortcutHelp::keys)
                .doesNotHaveDuplicates().contains("Ctrl+Q", "Escape", "F1");
    }

    private static Hyperlink linkOf(FxRobot robot, LogRecord record) {
        return robot.lookup(".trace-link").match((Node node) -> node instanceof Hyperlink link
                && record.traceId().equals(link.getUserData())
                && link.getParent() instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableRow() != null
                && cell.getTableRow().getItem() == record).tryQueryAs(Hyperlink.class).orElse(null);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
