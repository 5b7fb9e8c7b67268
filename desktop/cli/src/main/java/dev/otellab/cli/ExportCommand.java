package dev.otellab.cli;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.app.QuerySources;
import dev.otellab.telemetry.files.TraceExport;
import dev.otellab.telemetry.files.TraceFileException;
import dev.otellab.telemetry.files.TraceFileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console export ID... --out FILE}: traces and their logs to an OTLP JSON lines file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export traces with their log records to one file of OTLP JSON lines: each line is an"
                + " ExportTraceServiceRequest or ExportLogsServiceRequest that any OTLP/HTTP receiver accepts as it is.",
                "Reads from any mode (--mode docker/remote: Tempo and Loki)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Parameters(paramLabel = "TRACE_ID", arity = "1..*", description = "Trace ids: 32 hexadecimal characters each.")
    List<String> ids;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The file to write (replaced whole, never half-written), or - for standard output.")
    String out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<TraceId> traceIds = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                traceIds.add(TraceId.parse(id));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Path file = "-".equals(out) ? null : Path.of(out);
        if (file != null && file.toAbsolutePath().getParent() != null && !Files.isDirectory(file.toAbsolutePath().getParent())) {
            throw new ParameterException(spec.commandLine(), "--out: the folder " + file.toAbsolutePath().getParent()
                    + " does not exist");
        }
        Optional<QuerySources> opened = source.openQuietly(store);
        if (opened.isEmpty()) {
            err.println(StoreOptions.noTelemetryMessage(store.storeDir()));
            err.flush();
            return 1;
        }
        try (QuerySources sources = opened.get()) {
            TraceExport export = new TraceExport(sources.traces(), sources.logs());
            TraceExport.ExportSummary summary;
            if (file == null) {
                List<TraceFileWriter.TraceWithLogs> collected = export.collect(traceIds, () -> false);
                stdout.print(TraceFileWriter.lines(collected));
                stdout.flush();
                summary = TraceExport.ExportSummary.of(collected);
            } else {
                summary = export.exportTo(traceIds, file, () -> false);
            }
            PrintWriter report = file == null ? err : stdout;
            report.println(store.json ? JsonOutput.write(summary)
                    : "Exported " + summary.describe() + (file == null ? "" : " to " + file));
            report.flush();
            return 0;
        } catch (TraceFileException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
    }
}
