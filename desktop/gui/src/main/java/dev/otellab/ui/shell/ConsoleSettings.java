package dev.otellab.ui.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console remembers between runs: window bounds, the last view, the theme, and each
 * view's saved state (filters), keyed by the view's title.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsoleSettings(WindowBounds window, String lastView, Theme theme, Map<String, Map<String, String>> views) {
    public static final ConsoleSettings DEFAULT = new ConsoleSettings(WindowBounds.DEFAULT, "", Theme.LIGHT, Map.of());

    public ConsoleSettings {
        window = window == null ? WindowBounds.DEFAULT : window;
        lastView = lastView == null ? "" : lastView;
        theme = theme == null ? Theme.LIGHT : theme;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        if (views != null) {
            views.forEach((view, state) -> copy.put(view, state == null ? Map.of() : Map.copyOf(state)));
        }
        views = Map.copyOf(copy);
    }

    public Map<String, String> viewState(String title) {
        return views.getOrDefault(title, Map.of());
    }
}
