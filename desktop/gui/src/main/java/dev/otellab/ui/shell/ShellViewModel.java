package dev.otellab.ui.shell;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Map;

/**
 * The window's own state: which view shows, which theme, and what to remember between runs.
 */
public final class ShellViewModel {
    /** The keys the shell itself handles, for the help dialog. */
    public static final List<ShortcutHelp> SHELL_SHORTCUTS = List.of(
            new ShortcutHelp("Ctrl+F", "Put the cursor in the view's search field"),
            new ShortcutHelp("F5", "Search or query again (Exercises: read the exercise files again)"),
            new ShortcutHelp("Ctrl+L", "Logs of the selected trace or span"),
            new ShortcutHelp("Escape", "Back: from a trace or a comparison to the results, or to the view shown before; in the Map, forget the selected call"),
            new ShortcutHelp("Ctrl+T", "Switch between the light and the dark theme"),
            new ShortcutHelp("F1", "This list"),
            new ShortcutHelp("Ctrl+Q", "Quit (the window's size, view and filters are remembered)"));

    private final ConsoleSettings loaded;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final StringProperty currentView = new SimpleStringProperty(this, "currentView", "");

    public ShellViewModel(ConsoleSettings loaded) {
        this.loaded = loaded;
        theme.set(loaded.theme());
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public StringProperty currentViewProperty() {
        return currentView;
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** The settings read at start. */
    public ConsoleSettings loaded() {
        return loaded;
    }

    /** The view to show first: the last one shown, when it is still registered, else the first. */
    public String firstView(List<String> registeredTitles) {
        if (registeredTitles.contains(loaded.lastView())) {
            return loaded.lastView();
        }
        return registeredTitles.isEmpty() ? "" : registeredTitles.get(0);
    }

    /** What to write at exit; the states of views not registered this run are kept as they were. */
    public ConsoleSettings toSave(WindowBounds window, Map<String, Map<String, String>> viewStates) {
        Map<String, Map<String, String>> views = new java.util.LinkedHashMap<>(loaded.views());
        views.putAll(viewStates);
        return new ConsoleSettings(window, currentView.get(), theme.get(), views);
    }
}
