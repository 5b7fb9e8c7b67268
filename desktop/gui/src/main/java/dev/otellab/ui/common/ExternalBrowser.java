package dev.otellab.ui.common;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Opens a URL in the user's browser with the desktop's own opener (xdg-open, open, or the
 * Windows URL handler), on a thread of its own: launching a program never blocks the window.
 */
public final class ExternalBrowser {
    private ExternalBrowser() {
    }

    /** Opens {@code url}; {@code onProblem} gets a sentence when no opener could be launched. */
    public static void open(String url, Consumer<String> onProblem) {
        Thread thread = new Thread(() -> {
            try {
                new ProcessBuilder(command(url)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException | RuntimeException e) {
                onProblem.accept("No browser could be opened (" + e.getMessage() + "); the URL is on the clipboard");
            }
        }, "open-browser");
        thread.setDaemon(true);
        thread.start();
    }

    static List<String> command(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        return List.of("xdg-open", url);
    }
}
