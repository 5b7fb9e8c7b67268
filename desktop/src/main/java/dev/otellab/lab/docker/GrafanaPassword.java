package dev.otellab.lab.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Grafana's admin password for the lab's stack: made once from SecureRandom and kept in a file
 * only the user can read, so the lab never runs with admin/admin and the Lab view can show it.
 */
public final class GrafanaPassword {
    private static final int RANDOM_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GrafanaPassword() {
    }

    /** The password stored in {@code file}, made and stored first when there is none. */
    public static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return stored;
            }
            return store(file, newPassword()); // an empty file (e.g. cleared by the user): make a new one
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            createPrivateFile(file);
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(file); // another console made it at the same moment: use theirs
        }
        return store(file, newPassword());
    }

    private static String newPassword() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String store(Path file, String password) throws IOException {
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password;
    }

    private static void createPrivateFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
