package dev.otellab.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a file the console ships with (lab-backend.jar, stack/compose.yaml): the path a system
 * property or environment variable names when set, else beside the console's own jar (the
 * installed app keeps them there), else in the source tree above desktop/target (a developer's
 * checkout), else relative to the working folder.
 */
public final class ConsoleFiles {
    private ConsoleFiles() {
    }

    /**
     * The first existing candidate, or the most likely path (so an error can name it).
     *
     * @param besideConsole  the file's path relative to the folder of the console's jar
     * @param inRepository   the file's path relative to the repository root (and the working folder)
     */
    public static Path locate(String property, String variable, String besideConsole, String inRepository) {
        List<Path> candidates = candidates(property, variable, besideConsole, inRepository);
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    static List<Path> candidates(String property, String variable, String besideConsole, String inRepository) {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(property, System.getenv(variable));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).toAbsolutePath());
        }
        ownLocation().ifPresent(own -> {
            Path folder = own.getParent();
            candidates.add(folder.resolve(besideConsole));
            if (folder.getFileName() != null && folder.getFileName().toString().equals("target")) {
                candidates.add(folder.getParent().getParent().resolve(inRepository));
            }
        });
        candidates.add(Path.of(inRepository).toAbsolutePath());
        return candidates;
    }

    private static Optional<Path> ownLocation() {
        try {
            var source = ConsoleFiles.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
