package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --data-dir option every command takes, so runs can be isolated. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The console's data folder, by default otel-lab-console in $XDG_DATA_HOME"
                    + " (when unset: in ~/.local/share).")
    Path dataDir;

    DataDirectories directories() {
        return DataDirectories.forUser(dataDir);
    }
}
