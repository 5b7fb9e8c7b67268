package dev.otellab.cli;

import dev.otellab.telemetry.embedded.TelemetryStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Options every query command shares: where the data is and how to print it. */
final class StoreOptions {
    @Mixin
    DataDirOption data;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    Path storeDir() {
        return data.directories().telemetryStoreDir();
    }

    /**
     * Opens the store read-only (the console may be writing it); when there is none, prints the
     * friendly hint (text mode) and returns empty.
     */
    Optional<TelemetryStore> open(PrintWriter out) {
        Path dir = storeDir();
        if (!TelemetryStore.exists(dir)) {
            if (!json) {
                out.println(noTelemetryMessage(dir));
                out.flush();
            }
            return Optional.empty();
        }
        return Optional.of(TelemetryStore.openReadOnly(dir));
    }

    static String noTelemetryMessage(Path dir) {
        return "No telemetry stored yet in " + dir + ". Run `lab-console receive` and point your service at it.";
    }
}
