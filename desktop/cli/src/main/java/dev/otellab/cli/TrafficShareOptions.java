package dev.otellab.cli;

import picocli.CommandLine.Option;

/** How much of the generated traffic is slow or failing on purpose (`lab` and `verify`). */
final class TrafficShareOptions {
    @Option(names = "--slow", paramLabel = "PERCENT", defaultValue = "5",
            description = "Share of requests that are slow on purpose (/api/simulate-slow), in percent (default: ${DEFAULT-VALUE}).")
    double slowPercent;

    @Option(names = "--errors", paramLabel = "PERCENT", defaultValue = "2",
            description = "Share of requests that fail on purpose (/api/reports/overdue), in percent (default: ${DEFAULT-VALUE}).")
    double errorPercent;

    double slowShare() {
        return slowPercent / 100;
    }

    double errorShare() {
        return errorPercent / 100;
    }
}
