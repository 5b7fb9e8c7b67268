package dev.otellab.lab.docker;

import dev.otellab.config.DataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class GrafanaPasswordTest {
    @TempDir
    Path dir;

    @Test
    void isMadeOnceAndKeptWhereOnlyTheUserCanReadIt() throws Exception {
        Path file = new DataDirectories(dir.resolve("data"), dir.resolve("config")).grafanaAdminPasswordFile();

        String first = GrafanaPassword.loadOrCreate(file);
        String second = GrafanaPassword.loadOrCreate(file);

        assertThat(first).hasSize(24).matches("[A-Za-z0-9_-]+").isNotEqualTo("admin");
        assertThat(second).isEqualTo(first);
        assertThat(file).startsWith(dir.resolve("config"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void everyConsoleGetsItsOwn() throws Exception {
        assertThat(GrafanaPassword.loadOrCreate(dir.resolve("a"))).isNotEqualTo(GrafanaPassword.loadOrCreate(dir.resolve("b")));
    }

    @Test
    void anEmptiedFileGetsANewPassword() throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "\n");

        assertThat(GrafanaPassword.loadOrCreate(file)).hasSize(24);
        assertThat(Files.readString(file).strip()).hasSize(24);
    }
}
