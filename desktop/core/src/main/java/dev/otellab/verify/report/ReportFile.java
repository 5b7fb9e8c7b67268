package dev.otellab.verify.report;

import dev.otellab.config.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes a report file so that a reader (a CI step publishing it) sees either the previous file
 * or the whole new one, never half of it: the text goes to a temporary file beside the target,
 * which is then moved over it.
 */
public final class ReportFile {
    private ReportFile() {
    }

    /** Throws IOException with the reason when the folder is missing or not writable. */
    public static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Why a report cannot be written to {@code target}, checked before a run starts; empty when it can. */
    public static Optional<String> problemWith(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.of("the folder of the report " + target + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            return Optional.of("the report " + target + " is a folder; give a file name");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("the folder of the report " + target + " is not writable");
        }
        return Optional.empty();
    }
}
