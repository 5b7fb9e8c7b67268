package dev.otellab.ui;

import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.ui.shell.Theme;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A selected, focused log row with an ERROR severity and a trace link, in both themes: every
 * text in it keeps a readable contrast (WCAG ratio of at least 3) with the selection colour.
 */
@ExtendWith(ApplicationExtension.class)
class SelectedRowsReadableTest {
    @TempDir
    Path folder;

    private SampleConsole window;
    private SampleTelemetry sample;
    private InMemoryTelemetry telemetry;
    private Console console;

    @Start
    void start(Stage stage) {
        window = SampleConsole.show(stage, folder, 20, 1280, 800);
        sample = window.sample;
        telemetry = window.telemetry;
        console = window.console;
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void aSelectedErrorRowWithATraceLinkIsReadableInBothThemes(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().show(console.logs()));
        TableView<LogRecord> logs = console.logs().table();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> logs.getItems().stream()
                .anyMatch(record -> record.severityNumber() >= 17 && record.hasTrace())));
        robot.interact(() -> {
            LogRecord error = logs.getItems().stream().filter(record -> record.severityNumber() >= 17 && record.hasTrace())
                    .findFirst().orElseThrow();
            logs.getSelectionModel().select(error);
            logs.scrollTo(error);
            logs.requestFocus();
        });
        for (Theme theme : Theme.values()) {
            robot.interact(() -> console.shell().themeProperty().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> selectedRow(robot) != null));
            List<String> unreadable = fx(() -> unreadable(selectedRow(robot)));
            assertThat(unreadable).as(theme.name()).isEmpty();
        }
    }

    private static TableRow<?> selectedRow(FxRobot robot) {
        return robot.lookup("#log-records .table-row-cell").match((TableRow<?> row) -> row.isSelected() && !row.isEmpty())
                .tryQueryAs(TableRow.class).orElse(null);
    }

    /** The texts of the row whose colour is too close to the row's background. */
    private static List<String> unreadable(TableRow<?> row) {
        row.applyCss();
        Color background = fillOf(row);
        List<String> problems = new ArrayList<>();
        List<javafx.scene.Node> texts = new ArrayList<>(row.lookupAll(".table-cell"));
        texts.addAll(row.lookupAll(".trace-link"));
        assertThat(texts).as("the row's cells").isNotEmpty();
        for (javafx.scene.Node node : texts) {
            Labeled labeled = (Labeled) node;
            String text = labeled.getText();
            if (text == null || text.isBlank() || !(labeled.getTextFill() instanceof Color color)) {
                continue;
            }
            Color behind = node instanceof Region region && fillOf(region) != null ? fillOf(region) : background;
            double ratio = contrast(color, behind);
            if (ratio < 3) {
                problems.add(text + ": " + color + " on " + behind + " (" + String.format("%.1f", ratio) + ")");
            }
        }
        return problems;
    }

    private static Color fillOf(Region region) {
        Background background = region.getBackground();
        if (background == null) {
            return null;
        }
        Color last = null;
        for (var fill : background.getFills()) {
            if (fill.getFill() instanceof Color color && color.getOpacity() > 0.5) {
                last = color;
            }
        }
        return last;
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color color) {
        return 0.2126 * linear(color.getRed()) + 0.7152 * linear(color.getGreen()) + 0.0722 * linear(color.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
