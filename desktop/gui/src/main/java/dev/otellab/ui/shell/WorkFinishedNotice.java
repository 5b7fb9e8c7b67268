package dev.otellab.ui.shell;

import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Tells a user who went to another view that long work of a view ended (a lab start with its
 * image pulls, an image export or import): a notification in the window's corner, for a few
 * seconds. Nothing is shown while the work's own view is in front: it says so itself.
 */
public final class WorkFinishedNotice {
    static final Duration SHOWN_FOR = Duration.seconds(6);

    private final ConsoleWindow window;
    private final ConsoleView source;

    public WorkFinishedNotice(ConsoleWindow window, ConsoleView source) {
        this.window = window;
        this.source = source;
    }

    /** Call on the FX thread when the work ends. */
    public void finished(String message) {
        if (window.currentView() == source || window.root().getScene() == null
                || window.root().getScene().getWindow() == null) {
            return;
        }
        Notifications.create()
                .title(source.title())
                .text(message)
                .owner(window.root().getScene().getWindow())
                .hideAfter(SHOWN_FOR)
                .onAction(event -> window.show(source))
                .showInformation();
    }
}
