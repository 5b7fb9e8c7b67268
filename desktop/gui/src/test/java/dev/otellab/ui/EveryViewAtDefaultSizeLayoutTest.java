package dev.otellab.ui;

import dev.otellab.ui.shell.WindowBounds;
import javafx.stage.Stage;
import org.testfx.framework.junit5.Start;

/** {@link EveryViewLayoutTest} at the window's default size. */
class EveryViewAtDefaultSizeLayoutTest extends EveryViewLayoutTest {
    @Start
    @Override
    void start(Stage stage) {
        super.start(stage); // TestFX looks for @Start on the test class itself
    }

    @Override
    double width() {
        return WindowBounds.DEFAULT.width();
    }

    @Override
    double height() {
        return WindowBounds.DEFAULT.height();
    }
}
