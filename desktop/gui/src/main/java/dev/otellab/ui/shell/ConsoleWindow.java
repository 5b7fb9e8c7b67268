package dev.otellab.ui.shell;

import dev.otellab.telemetry.query.LogFilter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main window's content: a side bar with the registered views, the current view, and the
 * status bar. It is the {@link Navigator} the views use to send the user to another view.
 */
public final class ConsoleWindow implements Navigator {
    private static final KeyCombination FOCUS_SEARCH = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final KeyCombination LOGS_FOR_SELECTION = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TOGGLE_THEME = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination HELP = new KeyCodeCombination(KeyCode.F1);
    private static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    private static final int MAX_HISTORY = 20;

    private final ShellViewModel model;
    private final BorderPane root = new BorderPane();
    private final VBox sideBar = new VBox(4);
    private final VBox navigation = new VBox(4);
    private final VBox sideActions = new VBox(4);
    private final StackPane content = new StackPane();
    private final ToggleGroup navigationGroup = new ToggleGroup();
    private final List<ConsoleView> views = new ArrayList<>();
    private final Map<ConsoleView, ToggleButton> buttons = new LinkedHashMap<>();
    private final java.util.Deque<ConsoleView> history = new java.util.ArrayDeque<>();
    private ConsoleView current;

    public ConsoleWindow(ShellViewModel model, StatusBarViewModel statusBar) {
        this.model = model;
        root.getStyleClass().add("console");
        sideBar.getStyleClass().add("side-bar");
        navigation.getStyleClass().add("navigation");
        content.getStyleClass().add("view-content");
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button();
        theme.getStyleClass().add("side-bar-button");
        theme.setId("theme-toggle");
        theme.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.themeProperty().get() == Theme.DARK ? "☀  Light theme" : "☾  Dark theme",
                model.themeProperty()));
        theme.setOnAction(event -> model.toggleTheme());
        theme.setTooltip(new Tooltip("Ctrl+T"));
        theme.setMaxWidth(Double.MAX_VALUE);
        Button help = new Button("?  Shortcuts");
        help.getStyleClass().add("side-bar-button");
        help.setTooltip(new Tooltip("F1"));
        help.setOnAction(event -> showHelp());
        help.setMaxWidth(Double.MAX_VALUE);
        Label brand = new Label("OTel Lab");
        brand.getStyleClass().add("brand");
        sideBar.getChildren().addAll(brand, navigation, spacer, sideActions, theme, help);
        root.setLeft(sideBar);
        root.setCenter(content);
        root.setBottom(new StatusBar(statusBar));
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        root.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && back()) {
                event.consume();
            }
        });
        model.themeProperty().addListener((observable, was, is) -> applyTheme());
    }

    /** Adds views to the side bar in the given order and shows the remembered (or first) one. */
    public void register(List<? extends ConsoleView> added) {
        for (ConsoleView view : added) {
            views.add(view);
            ToggleButton button = new ToggleButton(view.glyph() + "  " + view.title());
            button.setId("nav-" + view.title().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(navigationGroup);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setTooltip(new Tooltip(view.title() + " (" + view.shortcut().getDisplayText() + ")"));
            button.setOnAction(event -> show(view));
            buttons.put(view, button);
            navigation.getChildren().add(button);
            view.restoreState(model.loaded().viewState(view.title()));
        }
        String first = model.firstView(views.stream().map(ConsoleView::title).toList());
        views.stream().filter(view -> view.title().equals(first)).findFirst().ifPresent(this::show);
    }

    /** Adds controls to the side bar above the theme switch (e.g. Open trace file…). */
    public void addSideBarActions(javafx.scene.Node... nodes) {
        sideActions.getChildren().addAll(nodes);
    }

    public Parent root() {
        return root;
    }

    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        applyTheme();
        return scene;
    }

    public List<ConsoleView> views() {
        return List.copyOf(views);
    }

    public ConsoleView currentView() {
        return current;
    }

    public void show(ConsoleView view) {
        if (current != null && view != current) {
            history.remove(view);
            history.push(current);
            while (history.size() > MAX_HISTORY) {
                history.removeLast();
            }
        }
        switchTo(view);
    }

    /**
     * Escape: one step back inside the current view (e.g. from a trace to the results), else
     * to the view shown before (e.g. from a trace's logs to the trace). False when there is
     * nowhere to go.
     */
    public boolean back() {
        if (current == null) {
            return false;
        }
        if (current.back()) {
            return true;
        }
        ConsoleView previous = history.poll();
        if (previous == null) {
            return false;
        }
        switchTo(previous);
        return true;
    }

    private void switchTo(ConsoleView view) {
        buttons.get(view).setSelected(true);
        if (view == current) {
            return;
        }
        if (current != null) {
            current.hidden();
        }
        current = view;
        content.getChildren().setAll(view.node());
        model.currentViewProperty().set(view.title());
        view.shown();
    }

    @Override
    public void showTrace(String traceId) {
        showSpan(traceId, "");
    }

    @Override
    public void showSpan(String traceId, String spanId) {
        for (ConsoleView view : views) {
            if (view instanceof TraceDestination destination) {
                ConsoleView from = current;
                show(view);
                destination.openTrace(traceId, spanId,
                        from == null || from == view ? null : new ReturnTo(from.title(), this::back));
                return;
            }
        }
    }

    @Override
    public void showServiceTraces(String service, dev.otellab.ui.common.TimeRangeChoice range) {
        showDestination(TraceSearchDestination.class, destination -> destination.searchService(service, range));
    }

    @Override
    public void showSlis(String service, dev.otellab.telemetry.query.TimeRange window, java.time.Duration step) {
        showDestination(SliDestination.class, destination -> destination.showWindow(service, window, step));
    }

    @Override
    public void showLogs(LogFilter filter) {
        showDestination(LogDestination.class, destination -> destination.showLogs(filter));
    }

    /** Shows the first registered view of {@code type} and hands it what to show. */
    private <T extends ConsoleView> void showDestination(Class<T> type, java.util.function.Consumer<T> action) {
        views.stream().filter(type::isInstance).findFirst().map(type::cast).ifPresent(destination -> {
            show(destination);
            action.accept(destination);
        });
    }

    @Override
    public void showLab() {
        views.stream().filter(view -> view instanceof LabDestination).findFirst().ifPresent(this::show);
    }

    /** Each registered view's state, to save at exit. */
    public Map<String, Map<String, String>> viewStates() {
        Map<String, Map<String, String>> states = new LinkedHashMap<>();
        views.forEach(view -> states.put(view.title(), view.saveState()));
        return states;
    }

    public void showHelp() {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        int row = 0;
        for (ShortcutHelp help : allShortcuts()) {
            Label keys = new Label(help.keys());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(help.description()));
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().getStylesheets().setAll(model.themeProperty().get().stylesheets());
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.show();
    }

    /**
     * Ctrl+Q: closes the window as its close button does (the window's size, view and filters
     * are saved by the close request's handler).
     */
    public void quit() {
        if (root.getScene() == null || root.getScene().getWindow() == null) {
            return;
        }
        Window window = root.getScene().getWindow();
        javafx.stage.WindowEvent request = new javafx.stage.WindowEvent(window, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
        window.fireEvent(request);
        if (!request.isConsumed()) {
            window.hide();
        }
    }

    /** The shell's keys, each view's switch key, then each view's own keys; each once. */
    public List<ShortcutHelp> allShortcuts() {
        java.util.Set<ShortcutHelp> all = new java.util.LinkedHashSet<>(ShellViewModel.SHELL_SHORTCUTS);
        for (ConsoleView view : views) {
            all.add(new ShortcutHelp(view.shortcut().getDisplayText(), "Show the " + view.title() + " view"));
        }
        for (ConsoleView view : views) {
            for (ShortcutHelp help : view.shortcuts()) {
                all.add(new ShortcutHelp(help.keys(), view.title() + ": " + help.description()));
            }
        }
        return List.copyOf(all);
    }

    private void onKey(KeyEvent event) {
        for (ConsoleView view : views) {
            if (view.shortcut().match(event)) {
                show(view);
                event.consume();
                return;
            }
        }
        if (current != null && FOCUS_SEARCH.match(event)) {
            current.focusSearch();
        } else if (current != null && REFRESH.match(event)) {
            current.refresh();
        } else if (current != null && LOGS_FOR_SELECTION.match(event)) {
            current.logsForSelection();
        } else if (TOGGLE_THEME.match(event)) {
            model.toggleTheme();
        } else if (HELP.match(event)) {
            showHelp();
        } else if (QUIT.match(event)) {
            quit();
        } else {
            return;
        }
        event.consume();
    }

    private void applyTheme() {
        if (root.getScene() != null) {
            root.getScene().getStylesheets().setAll(model.themeProperty().get().stylesheets());
        }
    }
}
