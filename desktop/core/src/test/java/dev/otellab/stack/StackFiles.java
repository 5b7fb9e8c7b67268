package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's stack/ and grafana/ files, found from the tests' working folder (desktop/core/). */
final class StackFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() {
    }

    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("stack/compose.yaml"))) {
                return dir;
            }
        }
        throw new AssertionError("No folder above " + start + " holds stack/compose.yaml");
    }

    static Path path(String relative) {
        Path file = root().resolve(relative);
        assertThat(file).as("repository file %s", relative).exists();
        return file;
    }

    static JsonNode yaml(String relative) {
        return read(YAML, path(relative));
    }

    static JsonNode json(Path file) {
        return read(JSON, file);
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            JsonNode tree = mapper.readTree(file.toFile());
            assertThat(tree).as("content of %s", file).isNotNull();
            return tree;
        } catch (IOException e) {
            throw new AssertionError("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
