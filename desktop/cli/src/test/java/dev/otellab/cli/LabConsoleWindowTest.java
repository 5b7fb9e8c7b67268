package dev.otellab.cli;

import dev.otellab.ui.ConsoleLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `lab-console` without a command opens the window; without a display it explains instead. */
class LabConsoleWindowTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine command = new CommandLine(new LabConsole());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void withoutADisplayTheRootCommandExitsWithAClearMessage(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "--data-dir", dir.toString(), "--http-port", "0", "--grpc-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(ConsoleLauncher.NO_DISPLAY).doesNotContain("Exception");
    }

    @Test
    void aBadPortIsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();

        int exit = run(new StringWriter(), err, "--data-dir", dir.toString(), "--backend-port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--backend-port is a port number");
    }

    @Test
    void helpNamesTheWindowAndItsOptions() {
        StringWriter out = new StringWriter();

        int exit = run(out, new StringWriter(), "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("opens the console window", "--data-dir", "--http-port", "--grpc-port",
                "--backend-port", "lab", "receive");
    }
}
