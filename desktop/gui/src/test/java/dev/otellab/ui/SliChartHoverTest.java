package dev.otellab.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SLI charts, headless: every point tells its value on hover, and a hovered point stays where it is. */
@ExtendWith(ApplicationExtension.class)
class SliChartHoverTest {
    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    private static final String TOOLTIP_KEY = "javafx.scene.control.Tooltip";

    @TempDir
    Path folder;

    private SampleConsole window;

    @Start
    void start(Stage stage) {
        window = SampleConsole.show(stage, folder, 40, 1024, 700);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void aHoveredPointShowsItsValueAndDoesNotMoveOnAutoRefresh(FxRobot robot) throws Exception {
        Console console = window.console;
        robot.interact(() -> console.window().show(console.slis()));
        List<LineChart<Number, Number>> charts = console.slis().charts();
        LineChart<Number, Number> latency = charts.get(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> latency.getData().size() == 4
                && !latency.getData().get(1).getData().isEmpty()
                && latency.getData().get(1).getData().get(0).getNode() != null));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(() -> charts.stream().allMatch(chart -> chart.getData().get(0).getData().stream()
                .allMatch(point -> point.getNode() != null && point.getNode().getProperties().get(TOOLTIP_KEY) instanceof Tooltip))))
                .as("every point of every chart has a tooltip").isTrue();
        Tooltip availabilityTip = fx(() -> (Tooltip) charts.get(0).getData().get(0).getData().get(0).getNode()
                .getProperties().get(TOOLTIP_KEY));
        assertThat(availabilityTip.getText()).matches("availability [0-9.]+ % at \\d\\d:\\d\\d:\\d\\d");

        // the newest p99 point: drawn last, so no other symbol lies over it
        XYChart.Series<Number, Number> p99 = fx(() -> latency.getData().get(2));
        XYChart.Data<Number, Number> point = fx(() -> p99.getData().get(p99.getData().size() - 1));
        Node symbol = point.getNode();
        robot.moveTo(symbol);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> console.sliModel().pointHoveredProperty().get()));
        Tooltip tip = (Tooltip) symbol.getProperties().get(TOOLTIP_KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(tip::isShowing));
        assertThat(tip.getText()).matches("p99 [0-9.]+ ms at \\d\\d:\\d\\d:\\d\\d");

        Bounds before = fx(() -> symbol.localToScene(symbol.getBoundsInLocal()));
        int pointsBefore = fx(() -> p99.getData().size());
        robot.interact(() -> console.sliModel().autoRefreshTick());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> console.sliModel().runningProperty().get())).as("no refresh while a point is hovered").isFalse();
        assertThat(fx(() -> symbol.localToScene(symbol.getBoundsInLocal()))).isEqualTo(before);
        assertThat(fx(() -> p99.getData().size())).isEqualTo(pointsBefore);
        assertThat(fx(() -> symbol.getParent() != null)).isTrue();

        robot.moveTo(console.slis().sloTable());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !console.sliModel().pointHoveredProperty().get()));
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
