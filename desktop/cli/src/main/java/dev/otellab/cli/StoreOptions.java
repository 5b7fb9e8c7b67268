package dev.otellab.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Options every query command shares: where the data is and how to print it. */
final class StoreOptions {
    @Mixin
    DataDirOption data;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    Path storeDir() {
        return data.directories().telemetryStoreDir();
    }

    /** The friendly hint that nothing is stored yet (text mode; JSON prints nothing). */
    void printNoTelemetryHint(PrintWriter out) {
        if (!json) {
            out.println(noTelemetryMessage(storeDir()));
            out.flush();
        }
    }

    static String noTelemetryMessage(Path dir) {
        return "No telemetry stored yet in " + dir + ". Run `lab-console receive` and point your service at it.";
    }
}
