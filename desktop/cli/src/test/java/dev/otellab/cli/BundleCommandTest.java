package dev.otellab.cli;

import dev.otellab.bundle.BundleManifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundle commands' answers to files that are not (usable) bundles: one line, exit code 1. */
class BundleCommandTest {
    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabConsole.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aFileThatIsNotABundleIsOneLineAndExitCode1() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "these are a trainer's notes, not a bundle\n".repeat(40));

        Result result = run("bundle", "inspect", text.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(text + " is not an OTel lab bundle (not a tar file)." + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aTarWithoutManifestIsNotABundle() throws IOException {
        Path tar = dir.resolve("other.tar");
        writeTar(tar, "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));

        Result result = run("bundle", "inspect", tar.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(tar + " is not an OTel lab bundle: it has no manifest.json.");
    }

    @Test
    void aBundleOfAnotherFormatVersionIsRejected() throws IOException {
        Path bundle = dir.resolve("future.bundle");
        writeTar(bundle, BundleManifest.ENTRY_NAME, ("{\"format\":\"" + BundleManifest.FORMAT
                + "\",\"formatVersion\":2,\"created\":\"2030-01-01T00:00:00Z\",\"consoleVersion\":\"9\",\"archives\":[]}")
                .getBytes(StandardCharsets.UTF_8));

        Result result = run("bundle", "inspect", bundle.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(bundle + " is a bundle of format version 2; this console reads version 1"
                + " (export the bundle again with this console's version).");
    }

    @Test
    void aDamagedManifestNamesTheField() throws IOException {
        Path bundle = dir.resolve("damaged.bundle");
        writeTar(bundle, BundleManifest.ENTRY_NAME, ("{\"format\":\"" + BundleManifest.FORMAT
                + "\",\"formatVersion\":1,\"consoleVersion\":\"1\",\"archives\":[]}").getBytes(StandardCharsets.UTF_8));

        Result result = run("bundle", "inspect", bundle.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(bundle + " has a damaged manifest.json: 'created' is missing.");
    }

    @Test
    void aMissingFileIsSaidSo() {
        Path missing = dir.resolve("nowhere.bundle");

        Result result = run("bundle", "inspect", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(missing + " does not exist.");
    }

    @Test
    void bundleWithoutASubcommandAsksForOne() {
        Result result = run("bundle");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand");
    }

    static void writeTar(Path file, String name, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }
}
