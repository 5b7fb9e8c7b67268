package dev.otellab.ui.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShellViewModelTest {

    @Test
    void startsOnTheLastViewWhenItIsStillThere() {
        ShellViewModel model = new ShellViewModel(new ConsoleSettings(null, "Logs", Theme.DARK, Map.of()));
        assertThat(model.firstView(List.of("Traces", "Logs"))).isEqualTo("Logs");
        assertThat(model.firstView(List.of("Traces"))).isEqualTo("Traces");
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void togglesTheTheme() {
        ShellViewModel model = new ShellViewModel(ConsoleSettings.DEFAULT);
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(Theme.DARK.stylesheets()).hasSize(2);
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(Theme.LIGHT.stylesheets()).hasSize(1);
    }

    @Test
    void savingKeepsTheStateOfViewsNotShownThisRun() {
        ShellViewModel model = new ShellViewModel(new ConsoleSettings(null, "", null,
                Map.of("SLIs", Map.of("service", "lab-backend"), "Traces", Map.of("service", "old"))));
        model.currentViewProperty().set("Traces");
        WindowBounds bounds = new WindowBounds(1, 2, 3, 4, false);

        ConsoleSettings saved = model.toSave(bounds, Map.of("Traces", Map.of("service", "new")));
        assertThat(saved.views()).containsEntry("SLIs", Map.of("service", "lab-backend"))
                .containsEntry("Traces", Map.of("service", "new"));
        assertThat(saved.lastView()).isEqualTo("Traces");
        assertThat(saved.window()).isEqualTo(bounds);
    }
}
