package dev.otellab.ui.shell;

/**
 * Where "Back" leads from a view that another view sent the user to: the name of the view the
 * user came from (for the button's label) and the step that shows it again.
 */
public record ReturnTo(String viewTitle, Runnable go) {
}
