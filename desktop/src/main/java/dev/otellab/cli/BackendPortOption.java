package dev.otellab.cli;

import picocli.CommandLine.Option;

/** The --backend-port option of the commands that launch lab-backend (the window and `lab`). */
final class BackendPortOption {
    @Option(names = "--backend-port", paramLabel = "PORT", defaultValue = "5000",
            description = "Port lab-backend listens on when the lab starts (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    /** The port; throws IllegalArgumentException with a readable message when out of range. */
    int port() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--backend-port is a port number from 0 to 65535, got " + port);
        }
        return port;
    }
}
