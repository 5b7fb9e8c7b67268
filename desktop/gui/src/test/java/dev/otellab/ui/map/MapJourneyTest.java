package dev.otellab.ui.map;

import dev.otellab.config.DataDirectories;
import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.embedded.receiver.OtlpReceiver;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.map.MultiServiceTraffic;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.Console;
import dev.otellab.ui.ConsoleServices;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.StatusBarViewModel;
import dev.otellab.ui.waterfall.WaterfallRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The window, headless, over a real store filled by the real OpenTelemetry SDK of three services
 * through the real receiver: Map -> a call -> a trace that crosses it -> its waterfall, and the
 * waterfall's flow selecting the first span of a hop.
 */
@ExtendWith(ApplicationExtension.class)
class MapJourneyTest {
    @TempDir
    Path folder;

    private TelemetryStore store;
    private OtlpReceiver receiver;
    private UiExecutors executors;
    private Console console;

    @Start
    void start(Stage stage) {
        store = TelemetryStore.open(folder.resolve("store"));
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), store);
        receiver.start();
        try (MultiServiceTraffic traffic = new MultiServiceTraffic(receiver.endpoints().httpUrl())) {
            long start = TimeRange.toNanos(Instant.now().minusSeconds(60));
            for (int i = 0; i < 3; i++) {
                traffic.browserRequest(start + i * 1_000_000_000L, i == 2);
                traffic.directRequest(start + i * 1_000_000_000L + 500_000_000L, false);
            }
            assertThat(traffic.flush()).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                store.serviceMap().map(TimeRange.last(Duration.ofMinutes(15))).edges().size() == 4);
        StatusBarViewModel statusBar = new StatusBarViewModel(Platform::runLater);
        ConsoleServices services = new ConsoleServices(store.traces(), store.logs(), store.slis(), store.serviceMap(),
                statusBar, new DataDirectories(folder.resolve("data"), folder.resolve("config")));
        executors = UiExecutors.forWindow();
        console = Console.create(services, executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1024, 700));
        stage.show();
    }

    @Stop
    void stop() {
        console.close();
        executors.shutdown();
        receiver.stop();
        store.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void fromTheMapThroughACallToATraceOfSeveralServicesAndItsFlow(FxRobot robot) throws Exception {
        robot.clickOn("#nav-map");
        waitUntil(() -> robot.lookup("#map-edge-lab-web-lab-backend").tryQuery().isPresent());
        assertThat(robot.lookup("#map-node-tasks").tryQuery()).isPresent();
        assertThat(robot.lookup("#map-node-lab-browser").queryAs(Node.class).getStyleClass()).contains("map-node-browser");

        robot.clickOn("#map-edge-lab-web-lab-backend");
        ListView<TraceSummary> traces = robot.lookup("#map-edge-traces").queryListView();
        waitUntil(() -> traces.getItems().size() == 6);
        assertThat(traces.getItems()).allSatisfy(summary -> assertThat(summary.services()).contains("lab-web", "lab-backend"));

        waitUntil(() -> robot.lookup("#map-edge-traces .list-cell")
                .match((ListCell<?> cell) -> cell.getItem() instanceof TraceSummary).tryQuery().isPresent());
        ListCell<?> first = robot.lookup("#map-edge-traces .list-cell")
                .match((ListCell<?> cell) -> cell.getItem() instanceof TraceSummary).query();
        TraceSummary opened = (TraceSummary) first.getItem();
        robot.clickOn(first);

        ListView<WaterfallRow> rows = robot.lookup("#waterfall-rows").queryListView();
        waitUntil(() -> console.window().currentView() == console.traces() && console.traces().showsTrace()
                && !rows.getItems().isEmpty() && rows.getItems().get(0).span().traceId().equals(opened.traceId()));
        assertThat(rows.getItems()).extracting(row -> row.span().serviceName()).contains("lab-web", "lab-backend");

        waitUntil(() -> robot.lookup("#trace-flow-lab-web-lab-backend").tryQuery().isPresent());
        robot.clickOn("#trace-flow-lab-web-lab-backend");
        waitUntil(() -> rows.getSelectionModel().getSelectedItem() != null
                && rows.getSelectionModel().getSelectedItem().span().kind() == SpanKind.CLIENT);
        WaterfallRow selected = rows.getSelectionModel().getSelectedItem();
        assertThat(selected.span().serviceName()).isEqualTo("lab-web");
        assertThat(selected.span().attributes()).containsEntry("server.address", "lab-backend");
    }

    @Test
    void aServiceNodeOpensTheTraceSearchForThatService(FxRobot robot) throws Exception {
        robot.clickOn("#nav-map");
        waitUntil(() -> robot.lookup("#map-node-lab-backend").tryQuery().isPresent());

        robot.clickOn("#map-node-lab-backend");

        javafx.scene.control.TableView<TraceSummary> results = robot.lookup("#trace-results").queryTableView();
        waitUntil(() -> console.window().currentView() == console.traces() && !console.traces().showsTrace()
                && results.getItems().size() == 6);
        assertThat(robot.lookup("#search-service").queryAs(javafx.scene.control.ComboBox.class).getEditor().getText())
                .isEqualTo("lab-backend");
        assertThat(results.getItems()).allSatisfy(summary -> assertThat(summary.services()).contains("lab-backend"));
    }
}
