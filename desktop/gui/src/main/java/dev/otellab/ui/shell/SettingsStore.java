package dev.otellab.ui.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.config.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.otellab.config.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes {@code settings.json} in the console's config folder. A missing file gives
 * the defaults; an unreadable or corrupt one too, with a warning in the log (the console must
 * start whatever the file holds). Writes go to a temporary file that is then moved over the
 * old one, so a crash mid-write never leaves half a file.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public ConsoleSettings load() {
        try {
            byte[] json = Files.readAllBytes(file);
            ConsoleSettings settings = mapper.readValue(json, ConsoleSettings.class);
            return settings == null ? ConsoleSettings.DEFAULT : settings;
        } catch (NoSuchFileException e) {
            return ConsoleSettings.DEFAULT;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the console settings in {}: they cannot be read ({}); using defaults", file, e.getMessage());
            return ConsoleSettings.DEFAULT;
        }
    }

    /** Writes the settings atomically; a failure is logged, never thrown (settings are a convenience). */
    public boolean save(ConsoleSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, Json.indented().writeValueAsBytes(settings));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the console settings to {}: {}", file, e.getMessage());
            return false;
        }
    }
}
