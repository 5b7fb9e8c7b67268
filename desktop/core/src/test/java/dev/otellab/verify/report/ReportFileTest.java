package dev.otellab.verify.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReportAndReplacesAnOlderOneWholeLeavingNoTemporaryFile() throws IOException {
        Path report = dir.resolve("verify.xml");
        Files.writeString(report, "an older, longer report from a previous run");

        ReportFile.write(report, "<testsuites/>\n");

        assertThat(report).hasContent("<testsuites/>");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void aMissingFolderFailsWithTheReasonAndWritesNothing() {
        Path report = dir.resolve("missing").resolve("verify.xml");

        assertThat(ReportFile.problemWith(report)).hasValueSatisfying(problem -> assertThat(problem).contains("does not exist"));
        assertThatThrownBy(() -> ReportFile.write(report, "x")).isInstanceOf(IOException.class);
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aFolderIsNoReportFile() {
        assertThat(ReportFile.problemWith(dir)).hasValueSatisfying(problem -> assertThat(problem).contains("is a folder"));
        assertThat(ReportFile.problemWith(dir.resolve("verify.md"))).isEmpty();
    }
}
