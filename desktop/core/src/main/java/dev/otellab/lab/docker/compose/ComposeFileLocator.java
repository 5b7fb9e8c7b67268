package dev.otellab.lab.docker.compose;

import dev.otellab.config.BundledFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the stack's compose.yaml: the {@code lab.compose.file} system property or
 * LAB_COMPOSE_FILE variable when set, else stack/compose.yaml where the console's shipped files
 * are (the installed app, beside the console's jar, or the source tree).
 */
public final class ComposeFileLocator {
    public static final String PROPERTY = "lab.compose.file";
    public static final String VARIABLE = "LAB_COMPOSE_FILE";

    private ComposeFileLocator() {
    }

    /** The first existing candidate, or the most likely path (so the error can name it). */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).toAbsolutePath());
        }
        BundledFiles.forThisProcess().candidates(BundledFiles.Item.STACK)
                .forEach(stack -> candidates.add(stack.resolve("compose.yaml")));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }
}
