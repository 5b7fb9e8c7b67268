package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.PartState;
import dev.otellab.lab.PartStatus;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Severity;
import dev.otellab.telemetry.model.SloStatus;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.lab.LabState;
import dev.otellab.ui.logs.LogsView;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console as a user drives it, headless (Monocle), on a real embedded lab: the real
 * receiver and store and the real lab-backend child process, started and stopped from the
 * Lab view.
 */
@ExtendWith(ApplicationExtension.class)
class EmbeddedLabJourneyTest {
    private static final Duration LAB_START = Duration.ofSeconds(90);
    private static final Duration TELEMETRY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private EmbeddedLab lab;
    private Console console;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        lab = new EmbeddedLab(new EmbeddedLabSettings(directories, StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(),
                LabBackendJar.path(), 0, TrafficProfile.DEFAULT));
        executors = UiExecutors.forWindow();
        console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1280, 800));
        stage.show();
    }

    @AfterEach
    void closeEverything() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> console.close()).get();
        lab.close();
        executors.shutdown();
    }

    @Test
    void fromStartToStopThroughTracesLogsAndSlis(FxRobot robot) throws Exception {
        assertThat(fx(() -> console.window().currentView().title())).isEqualTo("Lab");

        // Start: every part becomes healthy, lab-backend's URL and output show
        robot.clickOn("#lab-start");
        await().atMost(LAB_START).until(() -> fx(() -> console.labModel().lifecycle().stateProperty().get()) == LabState.RUNNING);
        assertThat(fx(() -> List.copyOf(console.labModel().lifecycle().parts()))).extracting(PartStatus::state)
                .containsOnly(PartState.HEALTHY);
        assertThat(fx(() -> robot.lookup("#backend-url").queryLabeled().getText())).startsWith("http://127.0.0.1:");
        await().atMost(TELEMETRY).until(() -> fx(() -> !console.labModel().output().lines().isEmpty()));
        ProcessHandle backend = labBackendProcess();

        // Traffic with a failing share
        robot.interact(() -> robot.lookup("#traffic-failing").queryAs(Slider.class).setValue(30));
        robot.interact(() -> robot.lookup("#traffic-rate").queryAs(javafx.scene.control.Spinner.class)
                .getValueFactory().setValue(20.0));
        robot.clickOn("#traffic-start");
        await().atMost(TELEMETRY).until(() -> fx(() -> console.labModel().traffic().countsProperty().get().serverErrors()) > 0);

        // A failing trace appears in Traces
        robot.clickOn("#nav-traces");
        robot.clickOn("#search-errors-only");
        TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        await().atMost(TELEMETRY).pollInSameThread().until(() -> {
            robot.clickOn("#search-button");
            WaitForAsyncUtils.waitForFxEvents();
            return fx(() -> !results.getItems().isEmpty() && !console.traces().searchView().table().getItems().isEmpty()
                    && results.getItems().get(0).hasErrors());
        });

        // Its waterfall: the failing request is an error span
        Node firstRow = robot.from(results).lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getIndex() == 0 && row.getItem() != null).query();
        robot.clickOn(firstRow);
        await().atMost(TELEMETRY).until(() -> fx(() -> console.traces().showsTrace()
                && console.traces().waterfallView().rowList().getItems().size() > 0));
        String traceId = fx(() -> console.traces().waterfallView().rowList().getItems().get(0).span().traceId());
        assertThat(fx(() -> List.copyOf(console.traces().waterfallView().rowList().getItems())))
                .extracting(WaterfallRow::span).anyMatch(span -> span.status() == StatusCode.ERROR);
        assertThat(robot.lookup(".error-span").tryQuery()).isPresent();

        // Logs for this trace: only its records, one of them an ERROR
        robot.clickOn("#logs-for-trace");
        assertThat(fx(() -> console.window().currentView())).isInstanceOf(LogsView.class);
        TableView<LogRecord> records = robot.lookup("#log-records").queryTableView();
        await().atMost(TELEMETRY).until(() -> fx(() -> records.getItems().stream()
                .anyMatch(record -> record.severity().compareTo(Severity.ERROR) >= 0)));
        assertThat(fx(() -> List.copyOf(records.getItems()))).isNotEmpty()
                .allMatch(record -> record.traceId().equals(traceId));

        // A click on the trace id goes back to the waterfall
        robot.clickOn(robot.from(records).lookup(".trace-link").nth(0).queryAs(Node.class));
        await().atMost(TELEMETRY).until(() -> fx(() -> console.window().currentView() == console.traces()
                && console.traces().showsTrace()
                && console.traces().waterfallView().rowList().getItems().size() > 0
                && console.traces().waterfallView().rowList().getItems().get(0).span().traceId().equals(traceId)));

        // SLIs: availability below 100%
        robot.clickOn("#nav-slis");
        await().atMost(TELEMETRY).pollInSameThread().until(() -> {
            robot.clickOn("#sli-apply");
            WaitForAsyncUtils.waitForFxEvents();
            return fx(() -> {
                List<SloStatus> statuses = List.copyOf(console.sliModel().statuses());
                return !statuses.isEmpty() && statuses.get(0).requests() > 0 && statuses.get(0).availability() < 1;
            });
        });
        assertThat(fx(() -> robot.lookup("#sli-availability-value").queryAs(Label.class).getText()))
                .startsWith("availability ").doesNotContain("100.0");
        assertThat(fx(() -> console.sliModel().chartDataProperty().get().availabilityPercent()))
                .anyMatch(point -> point.value() < 100);

        // A click on a p95 point lists the traces of that moment; one of them opens its waterfall
        Node p95Point = fx(() -> {
            var p95 = console.slis().charts().get(3).getData().get(1).getData();
            return p95.get(p95.size() - 1).getNode();
        });
        robot.clickOn(p95Point);
        TableView<TraceSummary> pointTraces = robot.lookup("#sli-traces").queryTableView();
        await().atMost(TELEMETRY).until(() -> fx(() -> !pointTraces.getItems().isEmpty()));
        String listed = fx(() -> pointTraces.getItems().get(0).traceId());
        robot.clickOn(robot.from(pointTraces).lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> row) -> row.getIndex() == 0 && row.getItem() != null)
                .queryAs(Node.class));
        await().atMost(TELEMETRY).until(() -> fx(() -> console.window().currentView() == console.traces()
                && console.traces().showsTrace()
                && console.traces().waterfallView().rowList().getItems().size() > 0
                && console.traces().waterfallView().rowList().getItems().get(0).span().traceId().equals(listed)));

        // Stop: lab-backend is gone
        robot.clickOn("#nav-lab");
        robot.clickOn("#lab-stop");
        await().atMost(LAB_START).until(() -> fx(() -> console.labModel().lifecycle().stateProperty().get()) == LabState.STOPPED);
        assertThat(backend.isAlive()).isFalse();
        // the store stays open (the views still query it); the receiver and lab-backend are stopped
        assertThat(fx(() -> List.copyOf(console.labModel().lifecycle().parts())))
                .filteredOn(part -> part.part().equals(EmbeddedLab.RECEIVER) || part.part().equals(EmbeddedLab.BACKEND))
                .extracting(PartStatus::state).containsOnly(PartState.STOPPED).hasSize(2);
        assertThat(fx(() -> robot.lookup("#lab-start").queryButton().isDisabled())).isFalse();
    }

    private static ProcessHandle labBackendProcess() {
        return ProcessHandle.current().children()
                .filter(process -> process.info().commandLine().orElse("").contains("lab-backend"))
                .findFirst().orElseThrow(() -> new AssertionError("no lab-backend child process"));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
