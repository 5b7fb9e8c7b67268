package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --data-dir option every command takes, so runs can be isolated. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The console's data folder (default: $XDG_DATA_HOME/otel-lab-console, i.e. ~/.local/share/otel-lab-console).")
    Path dataDir;

    DataDirectories directories() {
        return DataDirectories.forUser(dataDir);
    }
}
