package dev.otellab.lab.embedded;

import dev.otellab.config.ConsoleFiles;

import java.nio.file.Path;

/**
 * Finds lab-backend.jar: the {@code lab.backend.jar} system property or LAB_BACKEND_JAR
 * variable when set, else beside the console's own jar (an installed app), else in the
 * source tree next to desktop/target (a developer's checkout).
 */
public final class BackendJarLocator {
    public static final String PROPERTY = "lab.backend.jar";
    public static final String VARIABLE = "LAB_BACKEND_JAR";

    private BackendJarLocator() {
    }

    /** The first existing candidate, or the most likely path (so the error can name it). */
    public static Path locate() {
        return ConsoleFiles.locate(PROPERTY, VARIABLE, "lab-backend.jar", "lab-backend/target/lab-backend.jar");
    }
}
