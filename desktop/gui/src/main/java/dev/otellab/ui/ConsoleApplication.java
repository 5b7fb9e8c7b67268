package dev.otellab.ui;

import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.SettingsStore;
import dev.otellab.ui.shell.WindowBounds;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's window. {@link #launch(ConsoleServices)} opens it from any main method (the
 * CLI's) and returns when the window closes; window size, position, theme, last view and
 * filters are read from and written to {@code settings.json} in the config folder.
 */
public final class ConsoleApplication extends Application {
    private static final AtomicReference<ConsoleServices> SERVICES = new AtomicReference<>();
    private static final String REGION_CACHING = "prism.disableRegionCaching";

    private ConsoleServices services;
    private SettingsStore settingsStore;
    private ConsoleSettings settings;
    private UiExecutors executors;
    private Console console;
    private Stage stage;
    private boolean remembered;

    /** Opens the window on these services; blocks until it closes. Call once per process. */
    public static void launch(ConsoleServices services) {
        if (!SERVICES.compareAndSet(null, services)) {
            throw new IllegalStateException("The console window was already launched in this process");
        }
        configureRendering();
        JavaFxStartupWarning.silence();
        Application.launch(ConsoleApplication.class);
    }

    /** For tests that start the application class themselves (TestFX's FxToolkit). */
    static void useServices(ConsoleServices services) {
        SERVICES.set(services);
    }

    /**
     * Rendering settings to apply before JavaFX starts. Region background caching is turned
     * off (unless the user set it): with software rendering (no GPU, Xvfb, many VMs) the cached
     * backgrounds are drawn as scaled images pixel by pixel, and a live log tail then renders
     * at a few frames per second; drawn directly they cost a fraction (docs/benchmarks.md).
     */
    public static void configureRendering() {
        if (System.getProperty(REGION_CACHING) == null) {
            System.setProperty(REGION_CACHING, "true");
        }
    }

    @Override
    public void init() {
        services = SERVICES.get();
        if (services == null) {
            throw new IllegalStateException("Start the window with ConsoleApplication.launch(services)");
        }
        // Runs on the launcher thread, before the FX thread shows anything: reading here blocks no window.
        settingsStore = new SettingsStore(services.directories().configDir());
        settings = settingsStore.load();
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        executors = UiExecutors.forWindow();
        console = Console.create(services, executors, settings);
        WindowBounds bounds = settings.window();
        Scene scene = console.window().createScene(bounds.width(), bounds.height());
        stage.setTitle("OTel Lab Console");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (bounds.hasPosition() && isOnAScreen(bounds)) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        }
        stage.setMaximized(bounds.maximized());
        stage.show();
        StartupReport.afterFirstFrame();
        stage.setOnCloseRequest(event -> remember(stage));
    }

    @Override
    public void stop() {
        if (console != null && !remembered) {
            remember(stage); // closed by Platform.exit() rather than by the user
        }
        if (console != null) {
            console.close();
        }
        if (executors != null) {
            executors.shutdown();
        }
    }

    private void remember(Stage stage) {
        remembered = true;
        WindowBounds bounds = stage.isMaximized()
                ? new WindowBounds(settings.window().x(), settings.window().y(), settings.window().width(), settings.window().height(), true)
                : new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        // A few hundred bytes, once, as the window closes.
        settingsStore.save(console.shell().toSave(bounds, console.window().viewStates()));
    }

    private static boolean isOnAScreen(WindowBounds bounds) {
        Rectangle2D titleBar = new Rectangle2D(bounds.x(), bounds.y(), Math.max(1, bounds.width()), 40);
        return !Screen.getScreensForRectangle(titleBar).isEmpty();
    }
}
