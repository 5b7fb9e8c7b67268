package dev.otellab.lab.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The JVM options a lab service runs with, as lab-backend.jar lists them: the jar's
 * ServiceJvmOptions reads the same file when its load benchmark launches the service, so what is
 * measured is what the console runs.
 */
final class ChildJvmOptions {
    static final String ENTRY = "dev/otellab/backend/service-jvm-options.txt";

    private ChildJvmOptions() {
    }

    static List<String> of(Path jar) throws LabServiceStartException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(ENTRY);
            if (entry == null) {
                throw new LabServiceStartException(jar + " has no " + ENTRY + ": it is older than this console."
                        + " Build it again with `./mvnw -B -DskipTests package` in the project folder.", List.of());
            }
            try (InputStream in = file.getInputStream(entry)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new LabServiceStartException("Could not read " + jar + ": " + e.getMessage(), List.of());
        }
    }

    /** Options separated by spaces or lines; a # starts a comment up to the end of its line. */
    static List<String> parse(String text) {
        String options = text.replaceAll("#[^\n]*", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }
}
