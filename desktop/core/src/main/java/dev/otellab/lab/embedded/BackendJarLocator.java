package dev.otellab.lab.embedded;

import dev.otellab.config.BundledFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds lab-backend.jar: the {@code lab.backend.jar} system property or LAB_BACKEND_JAR
 * variable when set, else where {@link BundledFiles} finds shipped files (an installed app's
 * own folder first, then beside the console's jar, then a source checkout).
 */
public final class BackendJarLocator {
    public static final String PROPERTY = "lab.backend.jar";
    public static final String VARIABLE = "LAB_BACKEND_JAR";

    private BackendJarLocator() {
    }

    /** The first existing candidate, or the most likely path (so the error can name it). */
    public static Path locate() {
        List<Path> candidates = candidates(BundledFiles.forThisProcess());
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    static List<Path> candidates(BundledFiles bundled) {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).toAbsolutePath());
        }
        candidates.addAll(bundled.candidates(BundledFiles.Item.LAB_BACKEND_JAR));
        return candidates;
    }
}
