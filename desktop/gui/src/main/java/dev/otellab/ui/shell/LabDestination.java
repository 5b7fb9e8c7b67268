package dev.otellab.ui.shell;

/** The view that starts and stops the lab: other views send the user there when they need it running. */
public interface LabDestination extends ConsoleView {
}
