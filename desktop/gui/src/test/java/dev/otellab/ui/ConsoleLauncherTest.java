package dev.otellab.ui;

import dev.otellab.app.LabEngines;
import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLauncherTest {

    @Test
    void onLinuxADisplayOrAWaylandDisplayIsNeeded() {
        assertThat(ConsoleLauncher.displayAvailable("Linux", Map.of(), false)).isFalse();
        assertThat(ConsoleLauncher.displayAvailable("Linux", Map.of("DISPLAY", " "), false)).isFalse();
        assertThat(ConsoleLauncher.displayAvailable("Linux", Map.of("DISPLAY", ":99"), false)).isTrue();
        assertThat(ConsoleLauncher.displayAvailable("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), false)).isTrue();
        assertThat(ConsoleLauncher.displayAvailable("Linux", Map.of("DISPLAY", ":0"), true))
                .as("java.awt.headless=true wins").isFalse();
    }

    @Test
    void withoutADisplayItSaysWhatToDoAndOpensNothing(@TempDir Path dir) {
        // the test JVM runs with java.awt.headless=true and no DISPLAY is needed
        StringWriter err = new StringWriter();
        DataDirectories directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));

        EmbeddedLabSettings settings = EmbeddedLabSettings.defaults(directories)
                .withReceiver(ReceiverSettings.anyFreePorts()).withBackendPort(0);

        int exit = ConsoleLauncher.run(() -> LabEngines.switchable(settings), directories, new PrintWriter(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(ConsoleLauncher.NO_DISPLAY);
        assertThat(Files.exists(directories.telemetryStoreDir())).as("no store was opened").isFalse();
    }
}
