package dev.otellab.lab.docker.compose;

import java.nio.file.Path;

/** compose.yaml cannot be used; the message names the file, the service and the key. */
public class ComposeFileException extends Exception {

    public ComposeFileException(String message) {
        super(message);
    }

    public static ComposeFileException at(Path file, String service, String key, String problem) {
        StringBuilder where = new StringBuilder(file.toString());
        if (service != null) {
            where.append(", service '").append(service).append('\'');
        }
        if (key != null) {
            where.append(", key '").append(key).append('\'');
        }
        return new ComposeFileException(where + ": " + problem);
    }
}
