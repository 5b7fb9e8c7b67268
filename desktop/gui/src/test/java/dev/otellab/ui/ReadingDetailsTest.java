package dev.otellab.ui;

import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
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

/** Reading a failing span's details, headless: the stack trace as written, with Copy; keys never wrapped. */
@ExtendWith(ApplicationExtension.class)
class ReadingDetailsTest {
    @TempDir
    Path folder;

    private SampleConsole window;
    private SampleTelemetry sample;
    private InMemoryTelemetry telemetry;
    private Console console;

    @Start
    void start(Stage stage) {
        window = SampleConsole.show(stage, folder, 20, 1024, 700);
        sample = window.sample;
        telemetry = window.telemetry;
        console = window.console;
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void aStackTraceKeepsItsLinesAndCopiesWhole(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().showTrace(sample.errorTraceId()));
        ListView<WaterfallRow> rows = console.traces().waterfallView().rowList();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> rows.getItems().size() == 2));
        robot.interact(() -> rows.getItems().stream().filter(row -> !row.span().events().isEmpty()).findFirst()
                .ifPresent(row -> rows.getSelectionModel().select(row)));
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> robot.lookup("#stack-trace").tryQuery().isPresent()));

        TextArea stack = robot.lookup("#stack-trace").queryAs(TextArea.class);
        assertThat(stack.isWrapText()).as("frames stay one per line; long ones scroll sideways").isFalse();
        assertThat(stack.getStyleClass()).contains("stack-trace");
        assertThat(robot.lookup(".details-key").queryAllAs(Label.class)).isNotEmpty()
                .allSatisfy(key -> assertThat(key.isWrapText()).as(key.getText()).isFalse());

        robot.interact(() -> robot.lookup("#stack-trace-copy").queryAs(Button.class).fire());
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(stack.getText());
        assertThat(robot.lookup("#stack-trace-copy").queryAs(Button.class).getText()).isEqualTo("Copied");
    }

    @Test
    void theSlisViewSaysWhyTheLabsTrafficMissesItsObjectives(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().show(console.slis()));
        Label note = robot.lookup("#slo-note").queryAs(Label.class);
        assertThat(fx(note::isVisible)).isTrue();
        assertThat(note.getText()).contains("on purpose", "/api/reports/overdue", "\"Missed\"");
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
