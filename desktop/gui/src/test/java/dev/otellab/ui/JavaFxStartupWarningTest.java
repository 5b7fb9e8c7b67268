package dev.otellab.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Only JavaFX's "Unsupported JavaFX configuration" start-up warning is kept off the terminal. */
class JavaFxStartupWarningTest {
    @Test
    void dropsTheClassPathWarningAndKeepsEveryOtherJavaFxWarning() {
        Logger javafx = Logger.getLogger(JavaFxStartupWarning.LOGGER);
        List<String> published = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        javafx.addHandler(handler);
        try {
            JavaFxStartupWarning.silence();
            JavaFxStartupWarning.silence(); // twice is once

            javafx.warning("Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1b2c3d4e'");
            javafx.warning("CSS Error parsing file:/console.css");

            assertThat(published).containsExactly("CSS Error parsing file:/console.css");
        } finally {
            javafx.removeHandler(handler);
        }
    }
}
