package dev.otellab.lab.docker;

import dev.otellab.config.ConsoleFiles;

import java.nio.file.Path;

/**
 * Finds the stack's compose.yaml: the {@code lab.compose.file} system property or
 * LAB_COMPOSE_FILE variable when set, else stack/compose.yaml beside the console's own jar (the
 * installed app keeps stack/ there, with lab-backend.jar), else the source tree's stack/.
 */
public final class ComposeFileLocator {
    public static final String PROPERTY = "lab.compose.file";
    public static final String VARIABLE = "LAB_COMPOSE_FILE";

    private ComposeFileLocator() {
    }

    /** The first existing candidate, or the most likely path (so the error can name it). */
    public static Path locate() {
        return ConsoleFiles.locate(PROPERTY, VARIABLE, "stack/compose.yaml", "stack/compose.yaml");
    }
}
