package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.NoLogs;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.StatusBarViewModel;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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

import static dev.otellab.ui.ConsoleJourneyTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window in a mode without logs (traces from Zipkin or Jaeger, no Loki), headless: the
 * waterfall offers no "Logs for ..." and the Logs view says plainly why it is empty.
 */
@ExtendWith(ApplicationExtension.class)
class NoLogsModeJourneyTest {
    private static final String REASON = "This mode has no logs: traces come from Jaeger, which keeps no logs,"
            + " and no Loki URL is set (give --loki URL or set Loki in the remote settings to read logs).";

    @TempDir
    Path folder;

    private SampleTelemetry sample;
    private UiExecutors executors;
    private Console console;

    @Start
    void start(Stage stage) {
        sample = SampleTelemetry.generate(Clock.systemDefaultZone(), 10);
        InMemoryTelemetry telemetry = sample.toTelemetry();
        StatusBarViewModel statusBar = new StatusBarViewModel(Platform::runLater);
        ConsoleServices services = new ConsoleServices(telemetry, new NoLogs(REASON), telemetry, telemetry, statusBar,
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

    @Test
    void traceToLogsIsHiddenAndTheLogsViewSaysWhy(FxRobot robot) throws Exception {
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> !results.getItems().isEmpty());
        waitUntil(() -> robot.lookup(".table-row-cell").match((TableRow<?> row) -> row.getItem() != null).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".table-row-cell").match((TableRow<?> row) -> row.getItem() instanceof TraceSummary summary
                && summary.traceId().equals(sample.errorTraceId())).queryAs(Node.class));
        ListView<WaterfallRow> rows = robot.lookup("#waterfall-rows").queryListView();
        waitUntil(() -> !rows.getItems().isEmpty());
        waitUntil(() -> robot.lookup(".span-row").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".span-row").match((Node cell) -> cell instanceof javafx.scene.control.ListCell<?> listCell
                && listCell.getItem() != null).queryAs(Node.class));
        waitUntil(() -> robot.lookup("#logs-for-trace").tryQuery().isPresent());

        assertThat(robot.lookup("#logs-for-trace").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#logs-for-span").queryAs(Node.class).isVisible()).isFalse();

        WaitForAsyncUtils.asyncFx(() -> console.window().show(console.logs())).get();
        waitUntil(() -> console.window().currentView() == console.logs());
        TableView<?> logs = console.logs().table();
        waitUntil(() -> logs.getPlaceholder() instanceof Label placeholder && REASON.equals(placeholder.getText()));
        assertThat(logs.getItems()).isEmpty();
        assertThat(robot.lookup("#logs-error").queryAs(Label.class).isVisible()).isFalse();
    }
}
