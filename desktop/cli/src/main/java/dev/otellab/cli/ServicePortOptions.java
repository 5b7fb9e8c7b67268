package dev.otellab.cli;

import dev.otellab.lab.embedded.EmbeddedLabSettings;
import picocli.CommandLine.Option;

/** The --backend-port and --web-port options of the commands that launch the lab's services (the window and `lab`). */
final class ServicePortOptions {
    @Option(names = "--backend-port", paramLabel = "PORT", defaultValue = "5000",
            description = "Port lab-backend listens on when the lab starts (default: ${DEFAULT-VALUE}; 0 = any free port,"
                    + " for lab-web too).")
    int port;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port lab-web (the tasks page) listens on when the lab starts (default: ${DEFAULT-VALUE};"
                    + " 0 = any free port).")
    int webPort;

    /** The ports applied; throws IllegalArgumentException with a readable message when out of range. */
    EmbeddedLabSettings applyTo(EmbeddedLabSettings settings) {
        return settings.withWebPort(checked("--web-port", webPort)).withBackendPort(checked("--backend-port", port));
    }

    private static int checked(String option, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(option + " is a port number from 0 to 65535, got " + value);
        }
        return value;
    }
}
