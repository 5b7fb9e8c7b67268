package dev.otellab.lab.embedded;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds lab-backend.jar: the {@code lab.backend.jar} system property or LAB_BACKEND_JAR
 * variable when set, else beside the console's own jar (an installed app), else in the
 * source tree next to desktop/target (a developer's checkout).
 */
public final class BackendJarLocator {
    public static final String PROPERTY = "lab.backend.jar";
    public static final String VARIABLE = "LAB_BACKEND_JAR";
    private static final String JAR_NAME = "lab-backend.jar";

    private BackendJarLocator() {
    }

    /** The first existing candidate, or the most likely path (so the error can name it). */
    public static Path locate() {
        List<Path> candidates = candidates();
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).toAbsolutePath());
        }
        ownLocation().ifPresent(own -> {
            Path folder = own.getParent();
            candidates.add(folder.resolve(JAR_NAME));
            if (folder.getFileName() != null && folder.getFileName().toString().equals("target")) {
                candidates.add(folder.getParent().resolveSibling("lab-backend").resolve("target").resolve(JAR_NAME));
            }
        });
        candidates.add(Path.of("lab-backend", "target", JAR_NAME).toAbsolutePath());
        return candidates;
    }

    private static Optional<Path> ownLocation() {
        try {
            var source = BackendJarLocator.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
