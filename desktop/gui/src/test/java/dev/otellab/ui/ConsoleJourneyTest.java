package dev.otellab.ui;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.StatusBarViewModel;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window, headless (Monocle), over in-memory telemetry: the trace-to-logs-and-back journey
 * a learner makes, a 10,000-span trace, and the shell's keys.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleJourneyTest {
    private static final String BIG_TRACE = "b16b16b16b16b16b16b16b16b16b16b1";

    @TempDir
    Path folder;

    private SampleTelemetry sample;
    private UiExecutors executors;
    private Console console;

    @Start
    void start(Stage stage) {
        Clock clock = Clock.systemDefaultZone();
        sample = SampleTelemetry.generate(clock, 30);
        InMemoryTelemetry telemetry = sample.toTelemetry();
        long tenMinutesAgo = TimeRange.toNanos(clock.instant()) - 600_000_000_000L;
        telemetry.addSpans(SampleTelemetry.bigTrace(BIG_TRACE, 10_000, tenMinutesAgo));
        StatusBarViewModel statusBar = new StatusBarViewModel(Platform::runLater);
        statusBar.setDataLocation("Embedded store: " + folder);
        ConsoleServices services = new ConsoleServices(telemetry, telemetry, telemetry, telemetry, statusBar,
                new DataDirectories(folder.resolve("data"), folder.resolve("config")));
        executors = UiExecutors.forWindow();
        console = Console.create(services, executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1400, 900));
        stage.show();
    }

    @Stop
    void stop() {
        console.close();
        executors.shutdown();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void fromASearchToATraceToItsLogsAndBack(FxRobot robot) throws Exception {
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> !results.getItems().isEmpty());
        assertThat(results.getItems().get(0).traceId()).isEqualTo(sample.errorTraceId());

        waitUntil(() -> robot.lookup(".table-row-cell").match((TableRow<?> row) -> row.getItem() != null).tryQuery().isPresent());
        TableRow<?> errorRow = robot.lookup(".table-row-cell")
                .match((TableRow<?> row) -> row.getItem() instanceof TraceSummary summary
                        && summary.traceId().equals(sample.errorTraceId()))
                .query();
        assertThat(errorRow.getStyleClass()).contains("error-row");
        robot.clickOn(errorRow);

        ListView<WaterfallRow> rows = robot.lookup("#waterfall-rows").queryListView();
        waitUntil(() -> rows.getItems().size() == 2);
        // The cells appear with the next layout pulse.
        waitUntil(() -> robot.lookup(".span-row.error-span").queryAll().size() == 2);
        assertThat(robot.lookup("#trace-facts").queryLabeled().getText()).contains(sample.errorTraceId(), "2 spans", "⚠ 2 errors");

        robot.clickOn(robot.lookup(".span-row").match((Node cell) -> cell instanceof javafx.scene.control.ListCell<?> listCell
                && listCell.getItem() instanceof WaterfallRow row && row.span().name().equals("simulate failure")).queryAs(Node.class));
        waitUntil(() -> robot.lookup("#stack-trace").tryQuery().isPresent());
        assertThat(robot.lookup("#stack-trace").queryAs(TextArea.class).getText())
                .startsWith("java.lang.IllegalStateException: Overdue report failed");

        robot.clickOn("#logs-for-trace");
        TableView<LogRecord> logs = robot.lookup("#log-records").queryTableView();
        waitUntil(() -> console.window().currentView() == console.logs() && logs.getItems().size() == 2);
        assertThat(logs.getItems()).extracting(LogRecord::traceId).containsOnly(sample.errorTraceId());

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> console.window().currentView() == console.traces() && console.traces().showsTrace());
        robot.interact(() -> console.window().showLogs(dev.otellab.telemetry.query.LogFilter.forTrace(TraceId.parse(sample.errorTraceId()))));
        waitUntil(() -> console.window().currentView() == console.logs() && logs.getItems().size() == 2);

        waitUntil(() -> robot.lookup(".trace-link").tryQuery().isPresent());
        Hyperlink traceLink = robot.lookup(".trace-link").queryAs(Hyperlink.class);
        assertThat(traceLink.getUserData()).isEqualTo(sample.errorTraceId());
        assertThat(sample.errorTraceId()).startsWith(traceLink.getText().replace("…", ""));
        robot.clickOn(traceLink);
        waitUntil(() -> console.window().currentView() == console.traces() && console.traces().showsTrace()
                && !rows.getItems().isEmpty());
        assertThat(rows.getItems().get(0).span().traceId()).isEqualTo(sample.errorTraceId());

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !console.traces().showsTrace());
    }

    @Test
    void aTenThousandSpanTraceOpensWithCellsOnlyForTheVisibleRows(FxRobot robot) throws Exception {
        robot.interact(() -> console.window().showTrace(BIG_TRACE));
        ListView<WaterfallRow> rows = robot.lookup("#waterfall-rows").queryListView();
        waitUntil(() -> rows.getItems().size() == 10_000);
        waitUntil(() -> robot.lookup(".span-row").queryAll().size() > 5);

        List<Node> cells = List.copyOf(robot.lookup(".span-row").queryAll());
        assertThat(cells).as("a virtualized list: cells for a screenful, not for 10,000 spans").hasSizeBetween(5, 200);

        robot.interact(() -> rows.scrollTo(9_999));
        WaterfallRow last = rows.getItems().get(9_999);
        waitUntil(() -> robot.lookup(".span-row").match((Node cell) -> cell instanceof javafx.scene.control.ListCell<?> listCell
                && listCell.getItem() == last).tryQuery().isPresent());
    }

    @Test
    void sortingByDurationReordersTheTableNotTheResults(FxRobot robot) throws Exception {
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> !results.getItems().isEmpty());
        waitUntil(() -> robot.lookup(".column-header .label").tryQuery().isPresent());
        Node durationHeader = robot.lookup(".column-header .label").match((javafx.scene.control.Label label) -> "Duration".equals(label.getText())).query();
        robot.clickOn(durationHeader).clickOn(durationHeader); // ascending, then descending
        waitUntil(() -> results.getItems().get(0).traceId().equals(BIG_TRACE));

        var source = ((javafx.collections.transformation.SortedList<TraceSummary>) results.getItems()).getSource();
        assertThat(source.get(0).traceId()).as("the view model keeps newest first").isEqualTo(sample.errorTraceId());
    }

    @Test
    void keysSwitchViewsAndTheTheme(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitUntil(() -> console.window().currentView() == console.logs());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> console.window().currentView() == console.traces());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitUntil(() -> console.window().currentView() == console.logs());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil(() -> console.window().currentView() == console.traces());

        robot.clickOn("#theme-toggle");
        waitUntil(() -> robot.lookup("#theme-toggle").queryAs(Node.class).getScene().getStylesheets().size() == 2);
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#theme-toggle").queryAs(Node.class).getScene().getStylesheets().size() == 1);

        assertThat(console.window().allShortcuts()).extracting(help -> help.keys()).contains("F1", "Ctrl+F", "F5", "Escape");
    }
}
