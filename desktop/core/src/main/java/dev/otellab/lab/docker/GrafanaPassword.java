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
import java.util.Optional;

/**
 * Grafana's admin password for the lab's stack: made once from SecureRandom and kept in a file
 * only the user can read, so the lab never runs with admin/admin and the Lab view can show it.
 * The file is made by the lab's first Start ({@link #obtain()}), never by choosing Docker mode.
 */
public final class GrafanaPassword {
    private static final int RANDOM_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String fixed;

    private GrafanaPassword(Path file, String fixed) {
        this.file = file;
        this.fixed = fixed;
    }

    /** The password kept in {@code file}: read when it exists, made and stored there by {@link #obtain()}. */
    public static GrafanaPassword keptIn(Path file) {
        return new GrafanaPassword(file, null);
    }

    /** A password given by the caller (tests, one-off reads of the compose file); no file is involved. */
    public static GrafanaPassword fixed(String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("Grafana's admin password is not empty");
        }
        return new GrafanaPassword(null, password);
    }

    /** The password, made and stored first when there is none yet (the lab's Start calls this). */
    public String obtain() throws IOException {
        return fixed != null ? fixed : loadOrCreate(file);
    }

    /** The password if it was made already; reads at most, never writes. */
    public Optional<String> existing() {
        if (fixed != null) {
            return Optional.of(fixed);
        }
        try {
            String stored = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
            return stored.isEmpty() ? Optional.empty() : Optional.of(stored);
        } catch (IOException e) {
            return Optional.empty(); // Start makes it, or says why it cannot
        }
    }

    /** Where the password is kept, for messages; empty for a fixed one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return file != null ? "GrafanaPassword[" + file + "]" : "GrafanaPassword[fixed]";
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
