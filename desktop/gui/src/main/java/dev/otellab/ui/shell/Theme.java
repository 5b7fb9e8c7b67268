package dev.otellab.ui.shell;

import java.util.List;

/** Light or dark: the base stylesheet always, plus the dark one on top for dark. */
public enum Theme {
    LIGHT, DARK;

    public static final String BASE_STYLESHEET = "/dev/otellab/ui/console.css";
    public static final String DARK_STYLESHEET = "/dev/otellab/ui/console-dark.css";

    public List<String> stylesheets() {
        String base = Theme.class.getResource(BASE_STYLESHEET).toExternalForm();
        if (this == LIGHT) {
            return List.of(base);
        }
        return List.of(base, Theme.class.getResource(DARK_STYLESHEET).toExternalForm());
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
