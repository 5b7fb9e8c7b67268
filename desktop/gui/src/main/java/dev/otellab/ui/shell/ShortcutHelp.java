package dev.otellab.ui.shell;

/** One line of the help dialog: the keys as written on the keyboard, and what they do. */
public record ShortcutHelp(String keys, String description) {
}
