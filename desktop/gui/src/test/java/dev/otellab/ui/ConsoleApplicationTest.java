package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.ui.shell.SettingsStore;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The application class as the CLI starts it: settings read at start, written at close. */
class ConsoleApplicationTest {
    @TempDir
    Path folder;

    private Stage stage;
    private ConsoleApplication application;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void registerStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
        }
        FxToolkit.cleanupStages();
    }

    private void start(Path config) throws Exception {
        InMemoryTelemetry telemetry = SampleTelemetry.generate(Clock.systemDefaultZone(), 10).toTelemetry();
        ConsoleApplication.useServices(ConsoleServices.embedded(telemetry, telemetry, telemetry, telemetry,
                new DataDirectories(folder.resolve("data"), config)));
        application = (ConsoleApplication) FxToolkit.setupApplication(ConsoleApplication.class);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void restoresTheLastViewAndThemeAndRemembersThemAtClose() throws Exception {
        Path config = folder.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve(SettingsStore.FILE_NAME),
                "{\"lastView\": \"Logs\", \"theme\": \"DARK\", \"window\": {\"x\": 40, \"y\": 30, \"width\": 1100, \"height\": 760},"
                        + " \"views\": {\"Logs\": {\"text\": \"task\"}}}");
        start(config);

        waitUntil(() -> stage.isShowing() && stage.getScene() != null);
        assertThat(stage.getTitle()).isEqualTo("OTel Lab Console");
        assertThat(stage.getScene().getStylesheets()).hasSize(2);
        assertThat(robot.lookup("#logs-view").tryQuery()).isPresent();
        assertThat(robot.lookup("#logs-text").queryTextInputControl().getText()).isEqualTo("task");
        String store = "Embedded store: " + folder.resolve("data").resolve("telemetry");
        waitUntil(() -> store.equals(robot.lookup(".status-data").queryAs(Label.class).getText()));

        robot.interact(() -> {
            stage.setWidth(1200);
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        String saved = Files.readString(config.resolve(SettingsStore.FILE_NAME));
        assertThat(saved).contains("\"lastView\" : \"Logs\"", "\"theme\" : \"DARK\"", "\"width\" : 1200.0", "\"text\" : \"task\"");
    }

    @Test
    void aCorruptSettingsFileStillOpensTheWindowAndF1ListsTheKeys() throws Exception {
        Path config = folder.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve(SettingsStore.FILE_NAME), "{ this is not json");
        start(config);

        waitUntil(() -> stage.isShowing() && stage.getScene() != null);
        assertThat(robot.lookup("#traces-view").tryQuery()).isPresent();
        assertThat(stage.getScene().getStylesheets()).hasSize(1);

        robot.clickOn("#search-span-name");
        robot.type(KeyCode.F1);
        waitUntil(() -> Window.getWindows().stream().anyMatch(window -> window instanceof Stage other
                && "Keyboard shortcuts".equals(other.getTitle()) && other.isShowing()));
        assertThat(robot.lookup(".shortcut-keys").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Ctrl+2", "Ctrl+F", "F5", "Ctrl+L", "Escape", "F1", "Ctrl+Q")
                .as("each shortcut once").doesNotHaveDuplicates();
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> Window.getWindows().stream().noneMatch(window -> window instanceof Stage other
                && "Keyboard shortcuts".equals(other.getTitle())));

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#search-service").queryComboBox().getEditor().isFocused());

        // Stopped without a close request (Platform.exit): the settings are still written, whole.
        FxToolkit.cleanupApplication(application);
        application = null;
        assertThat(new SettingsStore(config).load().lastView()).isEqualTo("Traces");
    }
}
