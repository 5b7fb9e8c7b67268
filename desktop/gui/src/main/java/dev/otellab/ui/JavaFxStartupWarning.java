package dev.otellab.ui;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps JavaFX's "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
 * warning off the terminal. The console runs from one jar on the class path (docs/decisions/0029);
 * JavaFX prints this on every start although the configuration is the one the console is built,
 * tested and shipped with. Only that one message is dropped: every other JavaFX warning still shows.
 */
public final class JavaFxStartupWarning {
    static final String LOGGER = "javafx";
    static final String MESSAGE_START = "Unsupported JavaFX configuration";
    /** Held here: java.util.logging keeps only weak references to its loggers, and with them their filters. */
    private static final Logger JAVAFX = Logger.getLogger(LOGGER);

    private JavaFxStartupWarning() {
    }

    /** Call before JavaFX starts. */
    public static void silence() {
        Filter previous = JAVAFX.getFilter();
        if (previous instanceof UnsupportedConfigurationFilter) {
            return;
        }
        JAVAFX.setFilter(new UnsupportedConfigurationFilter(previous));
    }

    private record UnsupportedConfigurationFilter(Filter previous) implements Filter {
        @Override
        public boolean isLoggable(java.util.logging.LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.startsWith(MESSAGE_START)) {
                return false;
            }
            return previous == null || previous.isLoggable(record);
        }
    }
}
