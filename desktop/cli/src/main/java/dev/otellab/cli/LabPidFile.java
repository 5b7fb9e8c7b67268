package dev.otellab.cli;

import dev.otellab.config.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process id of a headless embedded lab ({@code lab-console lab} or {@code start}), kept in
 * its data folder so {@code lab-console stop} can ask that process to stop.
 */
final class LabPidFile {
    static final String FILE_NAME = "lab.pid";

    private final Path file;

    LabPidFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    void writeThisProcess() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The running process the file names; empty when there is no file or that process is gone. */
    Optional<ProcessHandle> runningLab() {
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names this process. */
    void removeIfOurs() {
        try {
            if (Files.readString(file, StandardCharsets.US_ASCII).trim().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing to remove
        }
    }
}
