package dev.otellab.ui.compare;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.diff.CheckoutRequests;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.Trace;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.Console;
import dev.otellab.ui.ConsoleServices;
import dev.otellab.ui.InMemoryTelemetry;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.StatusBarViewModel;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window, headless, over in-memory telemetry holding two checkout requests, the second with
 * a slow "charge card": select both results, Compare, and the summary names the slower span;
 * then a trace's Export… writes a file that Open trace file… reads back.
 */
@ExtendWith(ApplicationExtension.class)
class CompareJourneyTest {
    private static final String FAST = "0000000000000000000000000000fa57";
    private static final String SLOW = "00000000000000000000000000005104";

    @TempDir
    Path folder;

    private UiExecutors executors;
    private InMemoryTelemetry telemetry;
    private Console console;

    @Start
    void start(Stage stage) {
        long fiveMinutesAgo = TimeRange.toNanos(Clock.systemUTC().instant()) - 300_000_000_000L;
        telemetry = new InMemoryTelemetry();
        telemetry.addSpans(CheckoutRequests.shifted(CheckoutRequests.request(FAST, 50, 3, StatusCode.UNSET, "visa"), fiveMinutesAgo));
        telemetry.addSpans(CheckoutRequests.shifted(CheckoutRequests.request(SLOW, 450, 3, StatusCode.ERROR, "visa"),
                fiveMinutesAgo + 2_000_000_000L));
        ConsoleServices services = new ConsoleServices(telemetry, telemetry, telemetry, telemetry,
                new StatusBarViewModel(Platform::runLater), new DataDirectories(folder.resolve("data"), folder.resolve("config")));
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
    void selectTwoResultsCompareAndTheSummaryNamesTheSlowerSpan(FxRobot robot) throws Exception {
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> results.getItems().size() == 2);
        waitUntil(() -> robot.lookup(".table-row-cell").match((TableRow<?> row) -> row.getItem() != null).queryAll().size() == 2);
        Button compare = robot.lookup("#results-compare").queryButton();
        assertThat(compare.isDisabled()).isTrue();

        robot.clickOn(row(robot, FAST));
        waitUntil(() -> console.traces().showsTrace());
        robot.type(KeyCode.ESCAPE); // a plain click opens the trace; back to the results
        waitUntil(() -> !console.traces().showsTrace());
        robot.press(KeyCode.CONTROL).clickOn(row(robot, SLOW)).release(KeyCode.CONTROL);
        waitUntil(() -> results.getSelectionModel().getSelectedItems().size() == 2);
        assertThat(console.traces().showsTrace()).isFalse();
        assertThat(compare.isDisabled()).isFalse();

        robot.clickOn(compare);
        waitUntil(() -> console.traces().showsComparison() && console.compareModel().diffProperty().get() != null);
        Label headline = robot.lookup("#compare-headline").queryAs(Label.class);
        assertThat(headline.getText()).startsWith("B is 400 ms slower than A");
        waitUntil(() -> !robot.lookup("#compare-top .compare-top-row").queryAll().isEmpty());
        Label firstContributor = (Label) ((javafx.scene.layout.HBox) robot.lookup("#compare-top .compare-top-row")
                .queryAll().iterator().next()).getChildren().get(1);
        assertThat(firstContributor.getText()).isEqualTo("charge card  (payments)");
        TableView<?> rows = robot.lookup("#compare-table").queryTableView();
        assertThat(rows.getItems()).hasSize(6);

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !console.traces().showsComparison() && !console.traces().showsTrace());
    }

    @Test
    void exportAndOpenATraceFile(FxRobot robot) throws Exception {
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> results.getItems().size() == 2);
        Path file = folder.resolve("slow.jsonl");
        robot.interact(() -> console.traceFiles().open(List.of(folder.resolve("missing.jsonl"))));
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText())
                .contains("missing.jsonl: not imported: there is no file");
        robot.clickOn("OK");

        robot.interact(() -> console.window().showTrace(SLOW));
        waitUntil(() -> console.traces().showsTrace());
        // The file chooser is the platform's; the view model behind Export… is driven directly.
        robot.interact(() -> new dev.otellab.ui.tracefiles.TraceFilesViewModel(telemetry, telemetry,
                java.util.Optional::empty, executors).export(List.of(TraceId.parse(SLOW)), file));
        waitUntil(() -> Files.exists(file));
        robot.interact(() -> console.window().showLogs(dev.otellab.telemetry.query.LogFilter.ALL));
        robot.interact(() -> console.traceFiles().open(List.of(file)));
        waitUntil(() -> console.window().currentView() == console.traces() && console.traces().showsTrace());
        assertThat(robot.lookup("#trace-facts").queryLabeled().getText()).contains(SLOW);
    }

    private static TableRow<?> row(FxRobot robot, String traceId) {
        return robot.lookup(".table-row-cell").match((TableRow<?> row) -> row.getItem() instanceof TraceSummary summary
                && summary.traceId().equals(traceId)).query();
    }


    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
