package dev.otellab.ui;

import dev.otellab.telemetry.model.LogRecord;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Logs view's service filter takes several services (a ControlsFX CheckComboBox), headless. */
@ExtendWith(ApplicationExtension.class)
class LogsServiceChoiceTest {
    @TempDir
    Path folder;

    private SampleConsole window;

    @Start
    void start(Stage stage) {
        window = SampleConsole.show(stage, folder, 10, 1024, 700);
        long now = System.currentTimeMillis() * 1_000_000L;
        window.telemetry.addLogs(List.of(
                new LogRecord(now - 2_000_000_000L, 0, 9, "INFO", "page served", "lab-web", "", "", Map.of(), null, null),
                new LogRecord(now - 1_000_000_000L, 0, 9, "INFO", "button clicked", "lab-browser", "", "", Map.of(), null, null)));
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkingTwoServicesShowsTheRecordsOfBoth(FxRobot robot) throws Exception {
        Console console = window.console;
        robot.interact(() -> console.window().show(console.logs()));
        CheckComboBox<String> services = robot.lookup("#logs-service").queryAs(CheckComboBox.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> services.getItems().containsAll(
                List.of("lab-backend", "lab-web", "lab-browser"))));
        assertThat(fx(services::getTitle)).isEqualTo("any service");

        robot.interact(() -> {
            services.getCheckModel().check("lab-web");
            services.getCheckModel().check("lab-browser");
        });

        assertThat(fx(() -> console.logModel().filter().services())).containsExactlyInAnyOrder("lab-web", "lab-browser");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> console.logModel().records().size() == 2));
        assertThat(fx(() -> console.logModel().records().stream().map(LogRecord::serviceName).toList()))
                .containsExactlyInAnyOrder("lab-web", "lab-browser");
        assertThat(fx(services::getTitle)).as("the checked services show").isNull();

        robot.interact(() -> console.logModel().chooseServices(List.of("lab-backend")));
        assertThat(fx(() -> services.getCheckModel().getCheckedItems())).containsExactly("lab-backend");
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }
}
