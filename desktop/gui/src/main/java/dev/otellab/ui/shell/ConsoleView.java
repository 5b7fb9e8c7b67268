package dev.otellab.ui.shell;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.Map;

/**
 * One page of the console (Lab, Traces, Logs, SLIs...). The shell shows the views it is given,
 * in order, in its side bar; it knows nothing else about them. The defaults mean "this view
 * has no such thing".
 */
public interface ConsoleView {

    /** The name in the side bar, also the key of its remembered state. */
    String title();

    /** A one- or two-character symbol shown before the title. */
    String glyph();

    Node node();

    /** The key that shows this view (Ctrl+1..4 by convention). */
    KeyCombination shortcut();

    /** Called when the view becomes the visible one. */
    default void shown() {
    }

    /** Called when another view replaces this one. */
    default void hidden() {
    }

    /** Ctrl+F: put the cursor in the view's search field. */
    default void focusSearch() {
    }

    /** F5: query again. */
    default void refresh() {
    }

    /** Escape: go one step back inside the view; false when there is nothing to go back to. */
    default boolean back() {
        return false;
    }

    /** Ctrl+L: show the logs of what is selected. */
    default void logsForSelection() {
    }

    /** The view's own keys, for the help dialog. */
    default List<ShortcutHelp> shortcuts() {
        return List.of();
    }

    /** What to remember between runs (filters...), as text. */
    default Map<String, String> saveState() {
        return Map.of();
    }

    /** Puts back what {@link #saveState()} returned in an earlier run; unknown keys are ignored. */
    default void restoreState(Map<String, String> state) {
    }
}
