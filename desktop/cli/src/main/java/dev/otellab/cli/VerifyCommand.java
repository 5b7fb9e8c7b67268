package dev.otellab.cli;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.LabEngine;
import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.verify.VerifyRun;
import dev.otellab.verify.VerifySettings;
import dev.otellab.verify.report.ReportFile;
import dev.otellab.verify.report.ReportFormat;
import dev.otellab.verify.report.VerifyReport;
import dev.otellab.verify.report.VerifySummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code lab-console verify}: the lab's CI checks as one command. Starts the lab, sends traffic
 * with slow and failing requests, checks traces, logs, metrics, error correlation and SLIs
 * through the query ports, prints a line per check and writes a report. Exit code 0 when every
 * check passed, 1 when one failed, 2 on bad usage.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Start the lab, send traffic and check its telemetry and SLIs.",
                "The traffic has slow and failing requests on purpose. A line per check goes to stdout;"
                        + " --report writes a report. Exit code: 0 all checks passed, 1 a check failed, 2 bad usage.",
                "With --format and no --report, the report goes to stdout, the lines to stderr."})
final class VerifyCommand implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the lab keeps this run's telemetry (default: a temporary folder, deleted after a pass).")
    Path dataDirOption;

    @Mixin
    SloTargetOptions sloTargets;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "embedded", converter = LabModeConverter.class,
            description = "embedded, docker or remote (default: ${DEFAULT-VALUE}).")
    LabMode mode;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "100",
            description = "Requests to send, slow and failing ones included (default: ${DEFAULT-VALUE}).")
    int requests;

    @Mixin
    TrafficShareOptions shares;

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to wait for the telemetry after the traffic (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the report to FILE (replaced whole, never half-written).")
    Path report;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Report format: md, json or junit (default: from the --report file's extension: .md, .json, .xml).")
    ReportFormat format;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerifySettings settings;
        ReportFormat reportFormat;
        try {
            settings = VerifySettings.DEFAULT.withRequests(requests)
                    .withShares(shares.slowShare(), shares.errorShare())
                    .withTargets(sloTargets.targets())
                    .withTimeout(timeout);
            reportFormat = reportFormat();
        } catch (IllegalArgumentException e) {
            return badUsage(err, e.getMessage());
        }
        boolean reportToStdout = report == null && reportFormat != null;
        PrintWriter summary = reportToStdout ? err : out;

        Path dataDir = dataDirOption;
        boolean temporary = dataDir == null;
        LabEngine engine;
        try {
            dataDir = temporary ? Files.createTempDirectory("lab-console-verify-") : dataDir;
            engine = LabEngines.open(mode, embeddedSettings(dataDir));
        } catch (IOException | UncheckedIOException | TelemetryQueryException e) {
            err.println("The lab's data folder " + dataDir + " cannot be used: " + e.getMessage());
            err.flush();
            return FAILED;
        }

        VerifyReport result = runClosingAfterwards(engine, settings, err);
        VerifySummary.lines(result).forEach(summary::println);
        summary.flush();
        if (reportFormat != null) {
            String text = reportFormat.writer(JsonOutput.mapper()).write(result);
            if (reportToStdout) {
                out.print(text);
                out.flush();
            } else if (!writeReport(text, summary, err)) {
                return FAILED;
            }
        }
        if (temporary && result.passed()) {
            deleteQuietly(dataDir);
        } else if (temporary) {
            err.println("The run's telemetry is kept for a look: lab-console traces --data-dir " + dataDir);
            err.flush();
        }
        return result.passed() ? PASSED : FAILED;
    }

    /** Closes the engine (lab-backend is a child process) also when the JVM is stopped during the run. */
    private static VerifyReport runClosingAfterwards(LabEngine engine, VerifySettings settings, PrintWriter err)
            throws InterruptedException {
        Thread onSignal = new Thread(engine::close, "lab-console-verify-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return new VerifyRun(settings, line -> {
                err.println(line);
                err.flush();
            }, Clock.systemUTC()).run(engine);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
                engine.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook closes the engine
            }
        }
    }

    private EmbeddedLabSettings embeddedSettings(Path dataDir) {
        DataDirectories directories = new DataDirectories(dataDir, DataDirectories.forUser().configDir());
        // Nothing outside the run needs to reach the lab: any free ports, so CI jobs never collide.
        return EmbeddedLabSettings.defaults(directories)
                .withReceiver(ReceiverSettings.anyFreePorts())
                .withBackendPort(0);
    }

    /** The chosen format, else the one the report file's name says; null when no report was asked for. */
    private ReportFormat reportFormat() {
        if (report != null) {
            ReportFile.problemWith(report).ifPresent(problem -> {
                throw new IllegalArgumentException("--report: " + problem);
            });
        }
        if (format != null || report == null) {
            return format;
        }
        return ReportFormat.forFileName(report.getFileName().toString()).orElseThrow(() -> new IllegalArgumentException(
                "--report " + report + ": the name does not say the format (.md, .json or .xml); add --format md|json|junit"));
    }

    private boolean writeReport(String text, PrintWriter summary, PrintWriter err) {
        try {
            ReportFile.write(report, text);
            summary.println("Report: " + report);
            summary.flush();
            return true;
        } catch (IOException e) {
            err.println("The report could not be written to " + report + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private int badUsage(PrintWriter err, String message) {
        err.println(spec.commandLine().getColorScheme().errorText(message));
        err.println("Try 'lab-console verify --help' for more information.");
        err.flush();
        return BAD_USAGE;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
