package dev.otellab.ui.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsStoreTest {
    @TempDir
    Path configDir;

    @Test
    void aMissingFileGivesTheDefaults() {
        assertThat(new SettingsStore(configDir.resolve("not-yet")).load()).isEqualTo(ConsoleSettings.DEFAULT);
    }

    @Test
    void savedSettingsComeBackAndNoTemporaryFileStays() throws Exception {
        SettingsStore store = new SettingsStore(configDir.resolve("otel-lab-console"));
        ConsoleSettings settings = new ConsoleSettings(new WindowBounds(10, 20, 1200, 800, false), "Logs", Theme.DARK,
                Map.of("Traces", Map.of("service", "lab-backend", "minDuration", "100ms")));

        assertThat(store.save(settings)).isTrue();
        assertThat(store.load()).isEqualTo(settings);
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
        assertThat(Files.readString(store.file())).contains("\"theme\" : \"DARK\"");
    }

    @Test
    void aWindowNeverPlacedRoundTrips() {
        SettingsStore store = new SettingsStore(configDir);
        ConsoleSettings settings = new ConsoleSettings(new WindowBounds(Double.NaN, Double.NaN, 1400, 900, true), "Traces", Theme.LIGHT, Map.of());
        assertThat(store.save(settings)).isTrue();
        assertThat(store.load()).isEqualTo(settings);
        assertThat(store.load().window().hasPosition()).isFalse();
    }

    @Test
    void aCorruptFileIsIgnored() throws Exception {
        SettingsStore store = new SettingsStore(configDir);
        Files.writeString(store.file(), "{\"window\": {\"x\": ");
        assertThat(store.load()).isEqualTo(ConsoleSettings.DEFAULT);
        Files.writeString(store.file(), "{\"theme\": \"PURPLE\"}");
        assertThat(store.load()).isEqualTo(ConsoleSettings.DEFAULT);
        Files.writeString(store.file(), "null");
        assertThat(store.load()).isEqualTo(ConsoleSettings.DEFAULT);
    }

    @Test
    void unknownFieldsFromANewerVersionAreSkipped() throws Exception {
        SettingsStore store = new SettingsStore(configDir);
        Files.writeString(store.file(), "{\"lastView\": \"Traces\", \"futureOption\": 3}");
        assertThat(store.load().lastView()).isEqualTo("Traces");
        assertThat(store.load().window()).isEqualTo(WindowBounds.DEFAULT);
    }

    @Test
    void aFolderThatCannotBeWrittenIsReportedNotThrown() throws Exception {
        Path blocker = configDir.resolve("a-file");
        Files.writeString(blocker, "");
        assertThat(new SettingsStore(blocker.resolve("sub")).save(ConsoleSettings.DEFAULT)).isFalse();
    }
}
